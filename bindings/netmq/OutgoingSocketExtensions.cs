using System.Text;

namespace NetMQ;

/// <summary>The send calls of NetMQ, for any <see cref="IOutgoingSocket"/>.</summary>
public static class OutgoingSocketExtensions
{
    // NetMQ's signal frame: 8 bytes, 0x7766554433221100 + status, big endian (network order).
    internal const long SignalBase = 0x7766554433221100L;

    /// <summary>Sends <paramref name="msg"/>, blocking until it can.</summary>
    public static void Send(this IOutgoingSocket socket, ref Msg msg, bool more)
    {
        if (!socket.TrySend(ref msg, Timeout.InfiniteTimeSpan, more))
            throw new InvalidOperationException("TrySend with an infinite timeout returned false");
    }

    /// <summary>Sends a frame, blocking until it can.</summary>
    public static void SendFrame(this IOutgoingSocket socket, byte[] data, bool more = false) => SendFrame(socket, data, data.Length, more);

    /// <summary>Sends the first <paramref name="length"/> bytes of <paramref name="data"/>.</summary>
    public static void SendFrame(this IOutgoingSocket socket, byte[] data, int length, bool more = false)
    {
        Msg msg = Frame(data, length);
        socket.Send(ref msg, more);
    }

    /// <summary>Sends a frame with more to follow; returns the socket for chaining.</summary>
    public static IOutgoingSocket SendMoreFrame(this IOutgoingSocket socket, byte[] data)
    {
        SendFrame(socket, data, true);
        return socket;
    }

    /// <summary>Sends part of <paramref name="data"/> with more to follow.</summary>
    public static IOutgoingSocket SendMoreFrame(this IOutgoingSocket socket, byte[] data, int length)
    {
        SendFrame(socket, data, length, true);
        return socket;
    }

    /// <summary>Sends a frame, waiting at most <paramref name="timeout"/>; false if it could not.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, TimeSpan timeout, byte[] data, int length, bool more = false)
    {
        Msg msg = Frame(data, length);
        return socket.TrySend(ref msg, timeout, more);
    }

    /// <summary>Sends a frame, waiting at most <paramref name="timeout"/>; false if it could not.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, TimeSpan timeout, byte[] data, bool more = false) =>
        TrySendFrame(socket, timeout, data, data.Length, more);

    /// <summary>Sends a frame if it can be sent without blocking.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, byte[] data, bool more = false) =>
        TrySendFrame(socket, TimeSpan.Zero, data, data.Length, more);

    /// <summary>Sends part of a frame if it can be sent without blocking.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, byte[] data, int length, bool more = false) =>
        TrySendFrame(socket, TimeSpan.Zero, data, length, more);

    /// <summary>Sends a UTF-8 frame, blocking until it can.</summary>
    public static void SendFrame(this IOutgoingSocket socket, string message, bool more = false) =>
        SendFrame(socket, Encoding.UTF8.GetBytes(message), more);

    /// <summary>Sends a UTF-8 frame with more to follow.</summary>
    public static IOutgoingSocket SendMoreFrame(this IOutgoingSocket socket, string message)
    {
        SendFrame(socket, message, true);
        return socket;
    }

    /// <summary>Sends a UTF-8 frame, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, TimeSpan timeout, string message, bool more = false) =>
        TrySendFrame(socket, timeout, Encoding.UTF8.GetBytes(message), more);

    /// <summary>Sends a UTF-8 frame if it can be sent without blocking.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, string message, bool more = false) =>
        TrySendFrame(socket, TimeSpan.Zero, Encoding.UTF8.GetBytes(message), more);

    /// <summary>Sends each array as a frame of one message.</summary>
    public static void SendMultipartBytes(this IOutgoingSocket socket, params byte[][] data) =>
        SendMultipartBytes(socket, (IEnumerable<byte[]>)data);

    /// <summary>Sends each array as a frame of one message.</summary>
    public static void SendMultipartBytes(this IOutgoingSocket socket, IEnumerable<byte[]> data)
    {
        using IEnumerator<byte[]> e = data.GetEnumerator();
        if (!e.MoveNext()) throw new ArgumentException("data is empty", nameof(data));
        byte[] current = e.Current;
        while (e.MoveNext())
        {
            SendFrame(socket, current, true);
            current = e.Current;
        }
        SendFrame(socket, current);
    }

    /// <summary>Sends a multipart message if its first frame can be sent within <paramref name="timeout"/>.</summary>
    public static bool TrySendMultipartBytes(this IOutgoingSocket socket, TimeSpan timeout, params byte[][] data) =>
        TrySendMultipartBytes(socket, timeout, (IEnumerable<byte[]>)data);

    /// <summary>Sends a multipart message if its first frame can be sent within <paramref name="timeout"/>.</summary>
    public static bool TrySendMultipartBytes(this IOutgoingSocket socket, TimeSpan timeout, IEnumerable<byte[]> data)
    {
        using IEnumerator<byte[]> e = data.GetEnumerator();
        if (!e.MoveNext()) throw new ArgumentException("data is empty", nameof(data));
        byte[] current = e.Current;
        bool more = e.MoveNext();
        if (!TrySendFrame(socket, timeout, current, more)) return false;
        while (more)
        {
            current = e.Current;
            more = e.MoveNext();
            SendFrame(socket, current, more);
        }
        return true;
    }

    /// <summary>Sends a multipart message if its first frame can be sent without blocking.</summary>
    public static bool TrySendMultipartBytes(this IOutgoingSocket socket, params byte[][] data) =>
        TrySendMultipartBytes(socket, TimeSpan.Zero, (IEnumerable<byte[]>)data);

    /// <summary>Sends a multipart message if its first frame can be sent without blocking.</summary>
    public static bool TrySendMultipartBytes(this IOutgoingSocket socket, IEnumerable<byte[]> data) =>
        TrySendMultipartBytes(socket, TimeSpan.Zero, data);

    /// <summary>Sends all frames of <paramref name="message"/>.</summary>
    public static void SendMultipartMessage(this IOutgoingSocket socket, NetMQMessage message)
    {
        if (message.FrameCount == 0) throw new ArgumentException("message is empty", nameof(message));
        for (int i = 0; i < message.FrameCount; i++)
            SendFrame(socket, message[i].Buffer, message[i].MessageSize, i < message.FrameCount - 1);
    }

    /// <summary>Sends <paramref name="message"/> if its first frame can be sent within <paramref name="timeout"/>.</summary>
    public static bool TrySendMultipartMessage(this IOutgoingSocket socket, TimeSpan timeout, NetMQMessage message)
    {
        if (message.FrameCount == 0) throw new ArgumentException("message is empty", nameof(message));
        if (!TrySendFrame(socket, timeout, message[0].Buffer, message[0].MessageSize, message.FrameCount > 1)) return false;
        for (int i = 1; i < message.FrameCount; i++)
            SendFrame(socket, message[i].Buffer, message[i].MessageSize, i < message.FrameCount - 1);
        return true;
    }

    /// <summary>Sends <paramref name="message"/> if its first frame can be sent without blocking.</summary>
    public static bool TrySendMultipartMessage(this IOutgoingSocket socket, NetMQMessage message) =>
        TrySendMultipartMessage(socket, TimeSpan.Zero, message);

    /// <summary>Sends an empty frame.</summary>
    public static void SendFrameEmpty(this IOutgoingSocket socket, bool more = false) => SendFrame(socket, Array.Empty<byte>(), more);

    /// <summary>Sends an empty frame with more to follow.</summary>
    public static IOutgoingSocket SendMoreFrameEmpty(this IOutgoingSocket socket)
    {
        SendFrame(socket, Array.Empty<byte>(), true);
        return socket;
    }

    /// <summary>Sends an empty frame, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TrySendFrameEmpty(this IOutgoingSocket socket, TimeSpan timeout, bool more = false) =>
        TrySendFrame(socket, timeout, Array.Empty<byte>(), more);

    /// <summary>Sends an empty frame if it can be sent without blocking.</summary>
    public static bool TrySendFrameEmpty(this IOutgoingSocket socket, bool more = false) =>
        TrySendFrame(socket, TimeSpan.Zero, Array.Empty<byte>(), more);

    /// <summary>Sends NetMQ's OK signal (as used by actors).</summary>
    public static void SignalOK(this IOutgoingSocket socket) => SendFrame(socket, Signal(0));

    /// <summary>Sends the OK signal if it can be sent without blocking.</summary>
    public static bool TrySignalOK(this IOutgoingSocket socket) => TrySendFrame(socket, Signal(0));

    /// <summary>Sends NetMQ's error signal.</summary>
    public static void SignalError(this IOutgoingSocket socket) => SendFrame(socket, Signal(1));

    /// <summary>Sends the error signal if it can be sent without blocking.</summary>
    public static bool TrySignalError(this IOutgoingSocket socket) => TrySendFrame(socket, Signal(1));

    /// <summary>Sends a routing key frame with more to follow.</summary>
    public static void SendMoreFrame(this IOutgoingSocket socket, RoutingKey routingKey) => SendFrame(socket, routingKey.Bytes, true);

    /// <summary>Sends a routing key frame (more to follow) if it can be sent without blocking.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, RoutingKey routingKey) => TrySendFrame(socket, routingKey.Bytes, true);

    /// <summary>Sends a routing key frame (more to follow), waiting at most <paramref name="timeout"/>.</summary>
    public static bool TrySendFrame(this IOutgoingSocket socket, TimeSpan timeout, RoutingKey routingKey) => TrySendFrame(socket, timeout, routingKey.Bytes, true);

    /// <summary>Sends the empty delimiter that ends routing keys.</summary>
    public static IOutgoingSocket SendEmptyRoutingKeys(this IOutgoingSocket socket) => SendMoreFrameEmpty(socket);

    /// <summary>Sends routing keys then the empty delimiter.</summary>
    public static IOutgoingSocket SendRoutingKeys(this IOutgoingSocket socket, params RoutingKey[] routingKeys) =>
        SendRoutingKeys(socket, (IEnumerable<RoutingKey>)routingKeys);

    /// <summary>Sends routing keys then the empty delimiter.</summary>
    public static IOutgoingSocket SendRoutingKeys(this IOutgoingSocket socket, IEnumerable<RoutingKey> routingKeys)
    {
        foreach (RoutingKey key in routingKeys) SendMoreFrame(socket, key);
        return SendMoreFrameEmpty(socket);
    }

    /// <summary>Sends routing keys and the delimiter if the first can be sent without blocking.</summary>
    public static bool TrySendRoutingKeys(this IOutgoingSocket socket, IEnumerable<RoutingKey> routingKeys) =>
        TrySendRoutingKeys(socket, TimeSpan.Zero, routingKeys);

    /// <summary>Sends routing keys and the delimiter if the first can be sent within <paramref name="timeout"/>.</summary>
    public static bool TrySendRoutingKeys(this IOutgoingSocket socket, TimeSpan timeout, IEnumerable<RoutingKey> routingKeys)
    {
        bool first = true;
        foreach (RoutingKey key in routingKeys)
        {
            if (first) { if (!TrySendFrame(socket, timeout, key)) return false; first = false; }
            else SendMoreFrame(socket, key);
        }
        if (first) return TrySendFrameEmpty(socket, timeout, true);
        SendMoreFrameEmpty(socket);
        return true;
    }

    private static Msg Frame(byte[] data, int length)
    {
        Msg msg = default;
        msg.InitGC(data, 0, length);
        return msg;
    }

    private static byte[] Signal(byte status)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, SignalBase + status);
        return bytes;
    }
}
