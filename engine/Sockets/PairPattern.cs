using Zinc.Pipes;

namespace Zinc.Sockets;

/// <summary>ZMQ_PAIR (RFC 31): one peer at a time; a second one is refused. Blocks in the mute state.</summary>
internal sealed class PairPattern : SocketPattern
{
    private Pipe? _pipe;
    private bool _more;

    public PairPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe)
    {
        if (_pipe is null) _pipe = pipe;
        else pipe.Close(discard: true);
    }

    public override void Detach(Pipe pipe)
    {
        if (pipe == _pipe) _pipe = null;
    }

    public override ZmqError TrySend(ref Msg msg)
    {
        Pipe? pipe = _pipe;
        if (pipe is null || pipe.PeerClosed) return ZmqError.EAGAIN;
        bool more = msg.HasMore;
        if (!pipe.TryWrite(ref msg, continuation: _more)) return ZmqError.EAGAIN;
        _more = more;
        if (!more) pipe.Flush();
        return ZmqError.None;
    }

    public override ZmqError TryReceive(ref Msg msg)
    {
        Pipe? pipe = _pipe;
        return pipe is not null && pipe.TryRead(out msg) ? ZmqError.None : ZmqError.EAGAIN;
    }

    public override bool CanReceive => _pipe is { } pipe && pipe.CanRead;

    public override bool CanSend => _pipe is { } pipe && (_more || pipe.CanWrite);
}
