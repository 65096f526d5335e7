using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_DEALER (RFC 28): round-robin sends over the peers with credit, fair-queued receives.
/// Blocks in the mute state. Messages pass through unchanged (envelopes are the app's business).
/// </summary>
internal sealed class DealerPattern : SocketPattern
{
    private readonly LoadBalancer _out = new();
    private readonly FairQueue _in = new();

    public DealerPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe)
    {
        if (Options.ProbeRouter) RouterProbe.Send(pipe);
        _out.Attach(pipe);
        _in.Attach(pipe);
    }

    public override void Detach(Pipe pipe)
    {
        _out.Detach(pipe);
        _in.Detach(pipe);
    }

    public override ZmqError TrySend(ref Msg msg) => _out.TrySend(ref msg);

    public override ZmqError TryReceive(ref Msg msg) => _in.TryReceive(ref msg);

    public override bool CanReceive => _in.CanReceive;

    public override bool CanSend => _out.CanSend;
}
