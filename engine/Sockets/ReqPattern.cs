using Zinc.Pipes;

namespace Zinc.Sockets;

// Placeholder until the real Req policy lands.
internal sealed class ReqPattern : SocketPattern
{
    public ReqPattern(Socket socket) : base(socket) => throw new ZmqException(ZmqError.EINVAL, "Req is not implemented yet");

    public override void Attach(Pipe pipe) { }

    public override void Detach(Pipe pipe) { }

    public override ZmqError TrySend(ref Msg msg) => ZmqError.ENOTSUP;

    public override ZmqError TryReceive(ref Msg msg) => ZmqError.ENOTSUP;

    public override bool CanReceive => false;

    public override bool CanSend => false;
}
