namespace Zinc.Sockets;

/// <summary>Makes the routing policy for a socket type.</summary>
internal static class PatternFactory
{
    public static SocketPattern Create(SocketType type, Socket socket) => type switch
    {
        SocketType.Pair => new PairPattern(socket),
        SocketType.Push => new PushPattern(socket),
        SocketType.Pull => new PullPattern(socket),
        SocketType.Pub => new PubPattern(socket),
        SocketType.Sub => new SubPattern(socket),
        SocketType.XPub => new XPubPattern(socket),
        SocketType.XSub => new XSubPattern(socket),
        SocketType.Req => new ReqPattern(socket),
        SocketType.Rep => new RepPattern(socket),
        SocketType.Dealer => new DealerPattern(socket),
        SocketType.Router => new RouterPattern(socket),
        SocketType.Stream => new StreamPattern(socket),
        _ => throw new ZmqException(ZmqError.EINVAL, $"socket type {type} is not supported yet"),
    };
}
