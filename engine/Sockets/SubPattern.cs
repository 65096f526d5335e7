using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_SUB (RFC 29): subscribes with the SUBSCRIBE/UNSUBSCRIBE options (counted: each subscribe
/// needs its unsubscribe) and receives, fair-queued, the messages whose first frame starts with
/// a subscribed prefix (or, with INVERT_MATCHING, those that do not). Cannot send.
/// </summary>
internal sealed class SubPattern : SocketPattern
{
    private readonly SubscriberCore _core;

    public SubPattern(Socket socket) : base(socket)
    {
        _core = new SubscriberCore(socket.Options, filter: true);
        // As in libzmq: closing must not wait for subscriptions nobody will read.
        socket.Options.Set(SocketOption.Linger, 0);
    }

    public override void Attach(Pipe pipe) => _core.Attach(pipe);

    public override void Detach(Pipe pipe) => _core.Detach(pipe);

    public override void Hiccuped(Pipe pipe) => _core.Rejoined(pipe);

    public override ZmqError TrySend(ref Msg msg) => ZmqError.ENOTSUP;

    public override ZmqError TryReceive(ref Msg msg) => _core.Receive(ref msg);

    public override bool SupportsSend => false;

    public override bool CanReceive => _core.CanReceive;

    public override bool CanSend => false;

    public override bool TrySetOption(SocketOption option, ReadOnlySpan<byte> value, out ZmqError error)
    {
        switch (option)
        {
            case SocketOption.Subscribe:
                error = _core.Subscribe(value, subscribe: true);
                return true;
            case SocketOption.Unsubscribe:
                error = _core.Subscribe(value, subscribe: false);
                return true;
            default:
                error = ZmqError.None;
                return false;
        }
    }

    public override bool TryGetOption(SocketOption option, Span<byte> destination, out int written, out ZmqError error)
    {
        written = 0;
        error = ZmqError.None;
        if (option != SocketOption.TopicsCount) return false;
        error = PublisherCore.WriteInt32(destination, _core.TopicsCount, out written);
        return true;
    }

    public override void Release() => _core.Release();
}
