using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_XPUB (RFC 29): a PUB whose application also receives the subscription messages (1 or 0,
/// then the prefix) and any other frame an upstream XSUB sends. By default only a prefix's first
/// subscribe and its last unsubscribe are reported; XPUB_VERBOSE reports every subscribe,
/// XPUB_VERBOSER every unsubscribe too; XPUB_MANUAL leaves subscribing to the application
/// (SUBSCRIBE/UNSUBSCRIBE on this socket apply to the pipe of the last subscription read).
/// </summary>
internal sealed class XPubPattern : SocketPattern
{
    private readonly PublisherCore _core;

    public XPubPattern(Socket socket) : base(socket)
    {
        _core = new PublisherCore(socket.Options, xpub: true);
    }

    public override void Attach(Pipe pipe) => _core.Attach(pipe);

    public override void Detach(Pipe pipe) => _core.Detach(pipe);

    public override ZmqError TrySend(ref Msg msg) => _core.Send(ref msg);

    public override ZmqError TryReceive(ref Msg msg) => _core.Receive(ref msg);

    public override bool CanReceive => _core.CanReceive;

    public override bool CanSend => _core.CanSend;

    public override bool TrySetOption(SocketOption option, ReadOnlySpan<byte> value, out ZmqError error) =>
        _core.TrySetOption(option, value, out error);

    public override bool TryGetOption(SocketOption option, Span<byte> destination, out int written, out ZmqError error) =>
        _core.TryGetOption(option, destination, out written, out error);

    public override void Release() => _core.Release();
}
