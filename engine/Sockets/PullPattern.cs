using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>ZMQ_PULL (RFC 30): fair-queues from pushers. Cannot send.</summary>
internal sealed class PullPattern : SocketPattern
{
    private readonly FairQueue _in = new();

    public PullPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe) => _in.Attach(pipe);

    public override void Detach(Pipe pipe) => _in.Detach(pipe);

    public override ZmqError TrySend(ref Msg msg) => ZmqError.ENOTSUP;

    public override ZmqError TryReceive(ref Msg msg) => _in.TryReceive(ref msg);

    public override bool SupportsSend => false;

    public override bool CanReceive => _in.CanReceive;

    public override bool CanSend => false;
}
