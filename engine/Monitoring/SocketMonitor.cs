using System.Buffers.Binary;
using System.Text;

namespace Zinc.Monitoring;

/// <summary>
/// One zmq_socket_monitor: a PAIR socket bound to an inproc endpoint, on which every event in the
/// mask goes out as two frames (6 bytes: uint16 event + uint32 value, little-endian; then the
/// endpoint in UTF-8). <see cref="Emit"/> may be called from any thread; a lock serialises use of
/// the PAIR, which like every socket is single-threaded.
/// </summary>
internal sealed class SocketMonitor
{
    /// <summary>Size of the first frame: uint16 event number and uint32 value, no padding.</summary>
    public const int HeaderSize = 6;

    // Endpoints longer than this are encoded on the heap; events are rare, but most fit the stack.
    private const int StackEndpointBytes = 256;

    private readonly object _lock = new();
    private readonly Socket _pair;
    private bool _stopped;

    private SocketMonitor(Socket pair, SocketEvents events)
    {
        _pair = pair;
        Events = events;
    }

    /// <summary>The events this monitor sends; others are dropped.</summary>
    public SocketEvents Events { get; }

    /// <summary>Creates the PAIR on <paramref name="context"/> and binds it (EADDRINUSE, ETERM... propagate).</summary>
    public static SocketMonitor Start(Context context, string endpoint, SocketEvents events)
    {
        Socket pair = context.CreateSocket(SocketType.Pair);
        try
        {
            pair.Bind(endpoint);
        }
        catch
        {
            pair.Close();
            throw;
        }
        return new SocketMonitor(pair, events);
    }

    /// <summary>Sends one event if the mask selects it; drops it rather than block when no reader is connected or the pipe is full.</summary>
    public void Emit(SocketEvents e, int value, string endpoint)
    {
        if ((Events & e) == 0) return;
        lock (_lock)
        {
            if (!_stopped) Send(e, value, endpoint);
        }
    }

    /// <summary>Sends MonitorStopped (if selected) and closes the PAIR; later emits are no-ops.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (_stopped) return;
            _stopped = true;
            if ((Events & SocketEvents.MonitorStopped) != 0) Send(SocketEvents.MonitorStopped, 0, "");
            // Closing an inproc link leaves what is queued readable by the peer whatever the
            // LINGER, so a connected reader still gets every event sent before this one.
            _pair.Close();
        }
    }

    private void Send(SocketEvents e, int value, string endpoint)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)e);
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(2), value);
        Msg msg = Msg.Copy(header);
        // Any failure (EAGAIN: no reader or pipe full; ETERM: context shut down) drops the event:
        // the emitter is an IO thread or the socket's own call, and must never block or throw.
        if (_pair.SendCore(ref msg, SendFlags.DontWait | SendFlags.SendMore) != ZmqError.None)
        {
            msg.Close();
            return;
        }
        int length = Encoding.UTF8.GetByteCount(endpoint);
        Span<byte> text = length <= StackEndpointBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(endpoint, text);
        msg = Msg.Copy(text);
        // A continuation frame needs no credit, so this only fails if the reader went away
        // in between, and then the half-sent event goes with its link.
        if (_pair.SendCore(ref msg, SendFlags.DontWait) != ZmqError.None) msg.Close();
    }
}
