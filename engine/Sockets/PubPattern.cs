using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_PUB (RFC 29): fans each message out to the subscribers with a matching prefix; a
/// subscriber in the mute state (no credit) misses the message, the send never blocks (unless
/// XPUB_NODROP, which libzmq honours on PUB too). Cannot receive: subscription messages from
/// the pipes are consumed, anything else from upstream is dropped.
/// </summary>
internal sealed class PubPattern : SocketPattern
{
    private readonly PublisherCore _core;

    public PubPattern(Socket socket) : base(socket)
    {
        _core = new PublisherCore(socket.Options, xpub: false);
    }

    public override void Attach(Pipe pipe) => _core.Attach(pipe);

    public override void Detach(Pipe pipe) => _core.Detach(pipe);

    public override ZmqError TrySend(ref Msg msg) => _core.Send(ref msg);

    public override ZmqError TryReceive(ref Msg msg) => ZmqError.ENOTSUP;

    public override bool SupportsReceive => false;

    public override bool CanReceive => false;

    public override bool CanSend => _core.CanSend;

    public override bool TrySetOption(SocketOption option, ReadOnlySpan<byte> value, out ZmqError error) =>
        _core.TrySetOption(option, value, out error);

    public override bool TryGetOption(SocketOption option, Span<byte> destination, out int written, out ZmqError error) =>
        _core.TryGetOption(option, destination, out written, out error);

    public override void Release() => _core.Release();
}
