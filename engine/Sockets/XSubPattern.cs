using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_XSUB (RFC 29): subscribes by sending subscription messages (1 or 0, then the prefix),
/// which update its own subscriptions and go to every upstream peer; other messages it sends go
/// upstream unchanged. Like libzmq's XSUB it receives everything its peers send (no local filter:
/// they filter). ONLY_FIRST_SUBSCRIBE and XSUB_VERBOSE_UNSUBSCRIBE apply.
/// </summary>
internal sealed class XSubPattern : SocketPattern
{
    private readonly SubscriberCore _core;

    public XSubPattern(Socket socket) : base(socket)
    {
        _core = new SubscriberCore(socket.Options, filter: false);
        // As in libzmq: closing must not wait for subscriptions nobody will read.
        socket.Options.Set(SocketOption.Linger, 0);
    }

    public override void Attach(Pipe pipe) => _core.Attach(pipe);

    public override void Detach(Pipe pipe) => _core.Detach(pipe);

    public override void Hiccuped(Pipe pipe) => _core.Rejoined(pipe);

    public override ZmqError TrySend(ref Msg msg) => _core.Send(ref msg);

    public override ZmqError TryReceive(ref Msg msg) => _core.Receive(ref msg);

    // Subscriptions can be sent at any time; user frames to a full peer are dropped.
    public override bool CanSend => true;

    public override bool CanReceive => _core.CanReceive;

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
