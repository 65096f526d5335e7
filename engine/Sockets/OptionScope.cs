namespace Zinc.Sockets;

/// <summary>
/// Which socket types accept a type-specific option, as libzmq 4.3.4 decides (checked against
/// the system library with python3-zmq): any other type gets EINVAL. The types follow libzmq's
/// inheritance: REP takes ROUTER's options, REQ takes DEALER's, PUB takes XPUB's.
/// </summary>
internal static class OptionScope
{
    public static bool Accepts(SocketType type, SocketOption option) => option switch
    {
        // XPUB takes them too, in XPUB_MANUAL mode (its pattern refuses them otherwise).
        SocketOption.Subscribe or SocketOption.Unsubscribe => type is SocketType.Sub or SocketType.XPub,
        SocketOption.RouterMandatory or SocketOption.RouterHandover or SocketOption.RouterRaw
            or SocketOption.RouterNotify => type is SocketType.Router or SocketType.Rep,
        SocketOption.ProbeRouter => type is SocketType.Req or SocketType.Rep or SocketType.Dealer or SocketType.Router,
        SocketOption.ReqRelaxed or SocketOption.ReqCorrelate => type is SocketType.Req,
        SocketOption.XpubVerbose or SocketOption.XpubVerboser or SocketOption.XpubManual
            or SocketOption.XpubManualLastValue or SocketOption.XpubNodrop
            or SocketOption.XpubWelcomeMsg => type is SocketType.Pub or SocketType.XPub,
        SocketOption.ConnectRoutingId => type is SocketType.Router or SocketType.Rep or SocketType.Stream,
        SocketOption.StreamNotify => type is SocketType.Stream,
        SocketOption.XsubVerboseUnsubscribe => type is SocketType.XSub or SocketType.Sub,
        _ => true,
    };
}
