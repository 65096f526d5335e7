using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>ZMQ_PROBE_ROUTER: the empty message a DEALER/REQ/ROUTER sends to each new peer, so a
/// ROUTER on the other side learns the routing id at once.</summary>
internal static class RouterProbe
{
    public static void Send(Pipe pipe)
    {
        // A new pipe has credit unless its HWM is zero-sized; if not, the probe is simply skipped.
        Msg probe = default;
        if (pipe.TryWrite(ref probe)) pipe.Flush();
    }
}
