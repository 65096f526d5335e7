using System.Buffers.Binary;
using System.Text;

namespace Zinc.Monitoring;

/// <summary>
/// One zmq_socket_monitor(_versioned): a PAIR, PUB or PUSH socket bound to an inproc endpoint,
/// on which every event in the mask goes out as one multipart message. Version 1: 6 bytes
/// (uint16 event + uint32 value, little-endian), then the endpoint. Version 2: the event as a
/// uint64, the number of values (a uint64, 1 for every event the engine emits), each value as a
/// uint64, then the local and the remote endpoint. Other versions send nothing, as in libzmq.
/// <see cref="Emit"/> may be called from any thread; a lock serialises use of the socket, which
/// like every socket is single-threaded.
/// </summary>
internal sealed class SocketMonitor
{
    /// <summary>Size of a version 1 first frame: uint16 event number and uint32 value, no padding.</summary>
    public const int HeaderSize = 6;

    // Endpoints longer than this are encoded on the heap; events are rare, but most fit the stack.
    private const int StackEndpointBytes = 256;

    private readonly object _lock = new();
    private readonly Socket _socket;
    private readonly ulong _mask;
    private readonly int _version;
    private bool _stopped;

    private SocketMonitor(Socket socket, ulong mask, int version)
    {
        _socket = socket;
        _mask = mask;
        _version = version;
    }

    /// <summary>
    /// Creates the monitor's socket of <paramref name="type"/> (PAIR, PUB or PUSH) on
    /// <paramref name="context"/> and binds it (EADDRINUSE, ETERM... propagate).
    /// </summary>
    public static SocketMonitor Start(Context context, string endpoint, ulong events, int version, SocketType type)
    {
        Socket socket = context.CreateSocket(type);
        try
        {
            socket.Bind(endpoint);
        }
        catch
        {
            socket.Close();
            throw;
        }
        return new SocketMonitor(socket, events, version);
    }

    /// <summary>Sends one event if the mask selects it; drops it rather than block when no reader is connected or the queue is full.</summary>
    public void Emit(SocketEvents e, int value, in EndpointPair endpoints)
    {
        if ((_mask & (ulong)e) == 0) return;
        lock (_lock)
        {
            if (!_stopped) Send(e, value, endpoints);
        }
    }

    /// <summary>Sends MonitorStopped (if selected) and closes the socket; later emits are no-ops.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
            if ((_mask & (ulong)SocketEvents.MonitorStopped) != 0) Send(SocketEvents.MonitorStopped, 0, EndpointPair.None);
            // Closing an inproc link leaves what is queued readable by the peer whatever the
            // LINGER, so a connected reader still gets every event sent before this one.
            _socket.Close();
        }
    }

    // Any failure of the first frame (EAGAIN: no reader or queue full; ETERM: context shut down)
    // drops the event: the emitter is an IO thread or the socket's own call, and must never
    // block or throw. A continuation frame needs no credit, so the rest only fails if the reader
    // went away in between, and then the half-sent event goes with its link.
    private void Send(SocketEvents e, int value, in EndpointPair endpoints)
    {
        switch (_version)
        {
            case MonitorVersion.V1:
                Span<byte> header = stackalloc byte[HeaderSize];
                BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)e);
                BinaryPrimitives.WriteInt32LittleEndian(header.Slice(2), value);
                if (SendFrame(header, more: true)) SendText(endpoints.Identifier, more: false);
                break;
            case MonitorVersion.V2:
                // As libzmq, the value widens as a signed int would: static_cast<uint64_t>(int).
                if (SendUInt64((ulong)e, more: true) && SendUInt64(1, more: true) && SendUInt64((ulong)(long)value, more: true) &&
                    SendText(endpoints.Local, more: true))
                    SendText(endpoints.Remote, more: false);
                break;
        }
    }

    private bool SendUInt64(ulong number, bool more)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, number);
        return SendFrame(bytes, more);
    }

    private bool SendText(string text, bool more)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        Span<byte> bytes = length <= StackEndpointBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, bytes);
        return SendFrame(bytes, more);
    }

    private bool SendFrame(ReadOnlySpan<byte> data, bool more)
    {
        Msg msg = Msg.Copy(data);
        if (_socket.SendCore(ref msg, more ? SendFlags.DontWait | SendFlags.SendMore : SendFlags.DontWait) == ZmqError.None) return true;
        msg.Close();
        return false;
    }
}
