using System.Text;

namespace NetMQ;

/// <summary>The receive calls of NetMQ, for any <see cref="IReceivingSocket"/>.</summary>
public static class ReceivingSocketExtensions
{
    private static readonly TimeSpan Infinite = Timeout.InfiniteTimeSpan;

    /// <summary>Receives a frame into <paramref name="msg"/>, blocking until one arrives.</summary>
    public static void Receive(this IReceivingSocket socket, ref Msg msg)
    {
        if (!socket.TryReceive(ref msg, Infinite))
            throw new InvalidOperationException("TryReceive with an infinite timeout returned false");
    }

    // ---- bytes ----

    /// <summary>Receives a frame's bytes.</summary>
    public static byte[] ReceiveFrameBytes(this IReceivingSocket socket) => ReceiveFrameBytes(socket, out _);

    /// <summary>Receives a frame's bytes; <paramref name="more"/> tells whether more frames follow.</summary>
    public static byte[] ReceiveFrameBytes(this IReceivingSocket socket, out bool more)
    {
        TryReceiveFrameBytes(socket, Infinite, out byte[]? bytes, out more);
        return bytes!;
    }

    /// <summary>Receives a frame's bytes if one is waiting.</summary>
    public static bool TryReceiveFrameBytes(this IReceivingSocket socket, out byte[]? bytes) => TryReceiveFrameBytes(socket, TimeSpan.Zero, out bytes, out _);

    /// <summary>Receives a frame's bytes if one is waiting.</summary>
    public static bool TryReceiveFrameBytes(this IReceivingSocket socket, out byte[]? bytes, out bool more) => TryReceiveFrameBytes(socket, TimeSpan.Zero, out bytes, out more);

    /// <summary>Receives a frame's bytes, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameBytes(this IReceivingSocket socket, TimeSpan timeout, out byte[]? bytes) => TryReceiveFrameBytes(socket, timeout, out bytes, out _);

    /// <summary>Receives a frame's bytes, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameBytes(this IReceivingSocket socket, TimeSpan timeout, out byte[]? bytes, out bool more)
    {
        Msg msg = default;
        msg.InitEmpty();
        if (!socket.TryReceive(ref msg, timeout))
        {
            msg.Close();
            bytes = null;
            more = false;
            return false;
        }
        bytes = msg.ToArray();
        more = msg.HasMore;
        msg.Close();
        return true;
    }

    /// <summary>Receives all frames of a message as arrays.</summary>
    public static List<byte[]> ReceiveMultipartBytes(this IReceivingSocket socket, int expectedFrameCount = 4)
    {
        List<byte[]>? frames = new(expectedFrameCount);
        ReceiveMultipartBytes(socket, ref frames, expectedFrameCount);
        return frames!;
    }

    /// <summary>Receives all frames of a message into <paramref name="frames"/> (created when null).</summary>
    public static void ReceiveMultipartBytes(this IReceivingSocket socket, ref List<byte[]>? frames, int expectedFrameCount = 4) =>
        TryReceiveMultipartBytes(socket, Infinite, ref frames, expectedFrameCount);

    /// <summary>Receives all frames of a message if one is waiting.</summary>
    public static bool TryReceiveMultipartBytes(this IReceivingSocket socket, ref List<byte[]>? frames, int expectedFrameCount = 4) =>
        TryReceiveMultipartBytes(socket, TimeSpan.Zero, ref frames, expectedFrameCount);

    /// <summary>Receives all frames of a message if the first comes within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveMultipartBytes(this IReceivingSocket socket, TimeSpan timeout, ref List<byte[]>? frames, int expectedFrameCount = 4)
    {
        if (!TryReceiveFrameBytes(socket, timeout, out byte[]? first, out bool more)) return false;
        if (frames is null) frames = new List<byte[]>(expectedFrameCount);
        else frames.Clear();
        frames.Add(first!);
        while (more) frames.Add(ReceiveFrameBytes(socket, out more));
        return true;
    }

    // ---- strings ----

    /// <summary>Receives a frame as UTF-8 text.</summary>
    public static string ReceiveFrameString(this IReceivingSocket socket) => ReceiveFrameString(socket, Encoding.UTF8, out _);

    /// <summary>Receives a frame as UTF-8 text; <paramref name="more"/> tells whether more frames follow.</summary>
    public static string ReceiveFrameString(this IReceivingSocket socket, out bool more) => ReceiveFrameString(socket, Encoding.UTF8, out more);

    /// <summary>Receives a frame as text in <paramref name="encoding"/>.</summary>
    public static string ReceiveFrameString(this IReceivingSocket socket, Encoding encoding) => ReceiveFrameString(socket, encoding, out _);

    /// <summary>Receives a frame as text in <paramref name="encoding"/>.</summary>
    public static string ReceiveFrameString(this IReceivingSocket socket, Encoding encoding, out bool more)
    {
        TryReceiveFrameString(socket, Infinite, encoding, out string? s, out more);
        return s!;
    }

    /// <summary>Receives a UTF-8 frame if one is waiting.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, out string? frameString) => TryReceiveFrameString(socket, TimeSpan.Zero, Encoding.UTF8, out frameString, out _);

    /// <summary>Receives a UTF-8 frame if one is waiting.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, out string? frameString, out bool more) => TryReceiveFrameString(socket, TimeSpan.Zero, Encoding.UTF8, out frameString, out more);

    /// <summary>Receives a frame as text if one is waiting.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, Encoding encoding, out string? frameString) => TryReceiveFrameString(socket, TimeSpan.Zero, encoding, out frameString, out _);

    /// <summary>Receives a frame as text if one is waiting.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, Encoding encoding, out string? frameString, out bool more) => TryReceiveFrameString(socket, TimeSpan.Zero, encoding, out frameString, out more);

    /// <summary>Receives a UTF-8 frame, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, TimeSpan timeout, out string? frameString) => TryReceiveFrameString(socket, timeout, Encoding.UTF8, out frameString, out _);

    /// <summary>Receives a UTF-8 frame, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, TimeSpan timeout, out string? frameString, out bool more) => TryReceiveFrameString(socket, timeout, Encoding.UTF8, out frameString, out more);

    /// <summary>Receives a frame as text, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, TimeSpan timeout, Encoding encoding, out string? frameString) => TryReceiveFrameString(socket, timeout, encoding, out frameString, out _);

    /// <summary>Receives a frame as text, waiting at most <paramref name="timeout"/>.</summary>
    public static bool TryReceiveFrameString(this IReceivingSocket socket, TimeSpan timeout, Encoding encoding, out string? frameString, out bool more)
    {
        Msg msg = default;
        msg.InitEmpty();
        if (!socket.TryReceive(ref msg, timeout))
        {
            msg.Close();
            frameString = null;
            more = false;
            return false;
        }
        frameString = msg.Size == 0 ? string.Empty : msg.GetString(encoding);
        more = msg.HasMore;
        msg.Close();
        return true;
    }

    /// <summary>Receives all frames of a message as UTF-8 text.</summary>
    public static List<string> ReceiveMultipartStrings(this IReceivingSocket socket, int expectedFrameCount = 4) =>
        ReceiveMultipartStrings(socket, Encoding.UTF8, expectedFrameCount);

    /// <summary>Receives all frames of a message as text.</summary>
    public static List<string> ReceiveMultipartStrings(this IReceivingSocket socket, Encoding encoding, int expectedFrameCount = 4)
    {
        List<string>? frames = new(expectedFrameCount);
        TryReceiveMultipartStrings(socket, Infinite, encoding, ref frames, expectedFrameCount);
        return frames!;
    }

    /// <summary>Receives all frames as UTF-8 text if a message is waiting.</summary>
    public static bool TryReceiveMultipartStrings(this IReceivingSocket socket, ref List<string>? frames, int expectedFrameCount = 4) =>
        TryReceiveMultipartStrings(socket, TimeSpan.Zero, Encoding.UTF8, ref frames, expectedFrameCount);

    /// <summary>Receives all frames as text if a message is waiting.</summary>
    public static bool TryReceiveMultipartStrings(this IReceivingSocket socket, Encoding encoding, ref List<string>? frames, int expectedFrameCount = 4) =>
        TryReceiveMultipartStrings(socket, TimeSpan.Zero, encoding, ref frames, expectedFrameCount);

    /// <summary>Receives all frames as UTF-8 text if the first comes within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveMultipartStrings(this IReceivingSocket socket, TimeSpan timeout, ref List<string>? frames, int expectedFrameCount = 4) =>
        TryReceiveMultipartStrings(socket, timeout, Encoding.UTF8, ref frames, expectedFrameCount);

    /// <summary>Receives all frames as text if the first comes within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveMultipartStrings(this IReceivingSocket socket, TimeSpan timeout, Encoding encoding, ref List<string>? frames, int expectedFrameCount = 4)
    {
        if (!TryReceiveFrameString(socket, timeout, encoding, out string? first, out bool more)) return false;
        if (frames is null) frames = new List<string>(expectedFrameCount);
        else frames.Clear();
        frames.Add(first!);
        while (more) frames.Add(ReceiveFrameString(socket, encoding, out more));
        return true;
    }

    // ---- NetMQMessage ----

    /// <summary>Receives all frames of a message.</summary>
    public static NetMQMessage ReceiveMultipartMessage(this IReceivingSocket socket, int expectedFrameCount = 4)
    {
        NetMQMessage? message = new(expectedFrameCount);
        TryReceiveMultipartMessage(socket, Infinite, ref message, expectedFrameCount);
        return message!;
    }

    /// <summary>Receives a message if one is waiting.</summary>
    public static bool TryReceiveMultipartMessage(this IReceivingSocket socket, ref NetMQMessage? message, int expectedFrameCount = 4) =>
        TryReceiveMultipartMessage(socket, TimeSpan.Zero, ref message, expectedFrameCount);

    /// <summary>Receives a message if its first frame comes within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveMultipartMessage(this IReceivingSocket socket, TimeSpan timeout, ref NetMQMessage? message, int expectedFrameCount = 4)
    {
        if (!TryReceiveFrameBytes(socket, timeout, out byte[]? first, out bool more)) return false;
        if (message is null) message = new NetMQMessage(expectedFrameCount);
        else message.Clear();
        message.Append(new NetMQFrame(first));
        while (more) message.Append(new NetMQFrame(ReceiveFrameBytes(socket, out more)));
        return true;
    }

    // ---- signals ----

    /// <summary>Waits for a NetMQ signal frame, skipping other messages; true for OK, false for an error signal.</summary>
    public static bool ReceiveSignal(this IReceivingSocket socket)
    {
        TryReceiveSignal(socket, Infinite, out bool ok);
        return ok;
    }

    /// <summary>Receives a signal if one is waiting (other messages are skipped).</summary>
    public static bool TryReceiveSignal(this IReceivingSocket socket, out bool signal) => TryReceiveSignal(socket, TimeSpan.Zero, out signal);

    /// <summary>Receives a signal, waiting at most <paramref name="timeout"/> for each message (other messages are skipped).</summary>
    public static bool TryReceiveSignal(this IReceivingSocket socket, TimeSpan timeout, out bool signal)
    {
        while (true)
        {
            if (!TryReceiveFrameBytes(socket, timeout, out byte[]? bytes, out bool more))
            {
                signal = false;
                return false;
            }
            if (more) { SkipMultipartMessage(socket); continue; }
            if (bytes!.Length == 8)
            {
                long value = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(bytes);
                if ((value & 0x7FFFFFFFFFFFFF00L) == OutgoingSocketExtensions.SignalBase)
                {
                    signal = (value & 0xFF) == 0;
                    return true;
                }
            }
        }
    }

    // ---- skipping ----

    /// <summary>Receives and drops a frame.</summary>
    public static void SkipFrame(this IReceivingSocket socket) => SkipFrame(socket, out _);

    /// <summary>Receives and drops a frame; <paramref name="more"/> tells whether more follow.</summary>
    public static void SkipFrame(this IReceivingSocket socket, out bool more) => TrySkipFrame(socket, Infinite, out more);

    /// <summary>Drops a frame if one is waiting.</summary>
    public static bool TrySkipFrame(this IReceivingSocket socket) => TrySkipFrame(socket, TimeSpan.Zero, out _);

    /// <summary>Drops a frame if one is waiting.</summary>
    public static bool TrySkipFrame(this IReceivingSocket socket, out bool more) => TrySkipFrame(socket, TimeSpan.Zero, out more);

    /// <summary>Drops a frame that comes within <paramref name="timeout"/>.</summary>
    public static bool TrySkipFrame(this IReceivingSocket socket, TimeSpan timeout) => TrySkipFrame(socket, timeout, out _);

    /// <summary>Drops a frame that comes within <paramref name="timeout"/>.</summary>
    public static bool TrySkipFrame(this IReceivingSocket socket, TimeSpan timeout, out bool more)
    {
        Msg msg = default;
        msg.InitEmpty();
        bool ok = socket.TryReceive(ref msg, timeout);
        more = ok && msg.HasMore;
        msg.Close();
        return ok;
    }

    /// <summary>Receives and drops all frames of a message.</summary>
    public static void SkipMultipartMessage(this IReceivingSocket socket)
    {
        bool more = true;
        while (more) SkipFrame(socket, out more);
    }

    /// <summary>Drops a message if one is waiting.</summary>
    public static bool TrySkipMultipartMessage(this IReceivingSocket socket) => TrySkipMultipartMessage(socket, TimeSpan.Zero);

    /// <summary>Drops a message whose first frame comes within <paramref name="timeout"/>.</summary>
    public static bool TrySkipMultipartMessage(this IReceivingSocket socket, TimeSpan timeout)
    {
        if (!TrySkipFrame(socket, timeout, out bool more)) return false;
        while (more) SkipFrame(socket, out more);
        return true;
    }

    // ---- routing keys ----

    /// <summary>Receives a routing key frame.</summary>
    public static RoutingKey ReceiveRoutingKey(this IReceivingSocket socket) => new(ReceiveFrameBytes(socket));

    /// <summary>Receives a routing key frame.</summary>
    public static RoutingKey ReceiveRoutingKey(this IReceivingSocket socket, out bool more) => new(ReceiveFrameBytes(socket, out more));

    /// <summary>Receives a routing key if one is waiting.</summary>
    public static bool TryReceiveRoutingKey(this IReceivingSocket socket, ref RoutingKey routingKey) => TryReceiveRoutingKey(socket, TimeSpan.Zero, ref routingKey, out _);

    /// <summary>Receives a routing key if one is waiting.</summary>
    public static bool TryReceiveRoutingKey(this IReceivingSocket socket, ref RoutingKey routingKey, out bool more) => TryReceiveRoutingKey(socket, TimeSpan.Zero, ref routingKey, out more);

    /// <summary>Receives a routing key within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveRoutingKey(this IReceivingSocket socket, TimeSpan timeout, ref RoutingKey routingKey) => TryReceiveRoutingKey(socket, timeout, ref routingKey, out _);

    /// <summary>Receives a routing key within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveRoutingKey(this IReceivingSocket socket, TimeSpan timeout, ref RoutingKey routingKey, out bool more)
    {
        if (!TryReceiveFrameBytes(socket, timeout, out byte[]? bytes, out more)) return false;
        routingKey = new RoutingKey(bytes!);
        return true;
    }

    /// <summary>Receives routing keys up to the empty delimiter.</summary>
    public static IEnumerable<RoutingKey> ReceiveRoutingKeys(this IReceivingSocket socket)
    {
        TryReceiveRoutingKeys(socket, Infinite, out IEnumerable<RoutingKey>? keys);
        return keys!;
    }

    /// <summary>Receives routing keys up to the empty delimiter if a message is waiting.</summary>
    public static bool TryReceiveRoutingKeys(this IReceivingSocket socket, out IEnumerable<RoutingKey>? routingKeys) =>
        TryReceiveRoutingKeys(socket, TimeSpan.Zero, out routingKeys);

    /// <summary>Receives routing keys up to the empty delimiter if the first comes within <paramref name="timeout"/>.</summary>
    public static bool TryReceiveRoutingKeys(this IReceivingSocket socket, TimeSpan timeout, out IEnumerable<RoutingKey>? routingKeys)
    {
        var keys = new List<RoutingKey>();
        if (!TryReceiveFrameBytes(socket, timeout, out byte[]? bytes, out bool more)) { routingKeys = null; return false; }
        while (bytes!.Length > 0)
        {
            keys.Add(new RoutingKey(bytes));
            if (!more) break;
            bytes = ReceiveFrameBytes(socket, out more);
        }
        routingKeys = keys;
        return true;
    }
}
