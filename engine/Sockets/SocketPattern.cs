using Zinc.Pipes;

namespace Zinc.Sockets;

/// <summary>
/// A socket type: the routing policy over the socket's pipes (round robin, fair queue, fan-out,
/// routing-id table, subscription match). It never touches transports or bytes on the wire.
/// All calls come from the thread that uses the socket.
/// </summary>
internal abstract class SocketPattern
{
    protected SocketPattern(Socket socket)
    {
        Socket = socket;
    }

    protected Socket Socket { get; }

    protected SocketOptions Options => Socket.Options;

    /// <summary>A peer joined.</summary>
    public abstract void Attach(Pipe pipe);

    /// <summary>A peer left: its pipe is closed and must be forgotten.</summary>
    public abstract void Detach(Pipe pipe);

    /// <summary>The pipe's connection was made anew (a reconnect): send again what a new peer must learn.</summary>
    public virtual void Hiccuped(Pipe pipe)
    {
    }

    /// <summary>Sends one frame (its MORE flag set by the caller). EAGAIN means "would block";
    /// on success the frame is moved out of <paramref name="msg"/>.</summary>
    public abstract ZmqError TrySend(ref Msg msg);

    /// <summary>Receives one frame into <paramref name="msg"/> (which is empty on entry). EAGAIN means "would block".</summary>
    public abstract ZmqError TryReceive(ref Msg msg);

    /// <summary>ZMQ_POLLIN: a receive would not block.</summary>
    public abstract bool CanReceive { get; }

    /// <summary>ZMQ_POLLOUT: a send would not block.</summary>
    public abstract bool CanSend { get; }

    /// <summary>Options only this socket type understands (SUBSCRIBE, ROUTER_MANDATORY's side effects...).
    /// Returns false to let the generic option store handle it.</summary>
    public virtual bool TrySetOption(SocketOption option, ReadOnlySpan<byte> value, out ZmqError error)
    {
        error = ZmqError.None;
        return false;
    }

    /// <summary>Reads a type-specific option; false lets the generic store answer.</summary>
    public virtual bool TryGetOption(SocketOption option, Span<byte> destination, out int written, out ZmqError error)
    {
        written = 0;
        error = ZmqError.None;
        return false;
    }

    /// <summary>True if the type can receive at all (ENOTSUP otherwise).</summary>
    public virtual bool SupportsReceive => true;

    /// <summary>True if the type can send at all (ENOTSUP otherwise).</summary>
    public virtual bool SupportsSend => true;

    /// <summary>The socket closed: release frames the pattern still holds (pooled buffers go back to the pool).</summary>
    public virtual void Release()
    {
    }
}
