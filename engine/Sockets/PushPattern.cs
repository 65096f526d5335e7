using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>ZMQ_PUSH (RFC 30): round-robin to pullers; blocks when none has credit. Cannot receive.</summary>
internal sealed class PushPattern : SocketPattern
{
    private readonly LoadBalancer _out = new();

    public PushPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe) => _out.Attach(pipe);

    public override void Detach(Pipe pipe) => _out.Detach(pipe);

    public override ZmqError TrySend(ref Msg msg) => _out.TrySend(ref msg);

    public override ZmqError TryReceive(ref Msg msg) => ZmqError.ENOTSUP;

    public override bool SupportsReceive => false;

    public override bool CanReceive => false;

    public override bool CanSend => _out.CanSend;
}
