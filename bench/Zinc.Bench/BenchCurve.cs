namespace Zinc.Bench;

/// <summary>
/// The CURVE setup of a <c>--curve</c> run. The key pairs are fixed test keys, published here
/// on purpose so the bench, its peer process and the anchor (bench/anchors/zmq_peer_bench.c
/// holds the same strings) agree without passing keys around; never use them outside benchmarks.
/// The binding, measuring side (PULL, or REQ in lat) is the server; the connecting peer is the client.
/// </summary>
public static class BenchCurve
{
    /// <summary>The server's public key (Z85); the client's CURVE_SERVERKEY.</summary>
    public const string ServerPublicKey = "]BM=sKS&L]uJ&9E<V0%mJSnI:rWM>kHqZVx{e1Bs";

    /// <summary>The server's secret key (Z85).</summary>
    public const string ServerSecretKey = "t.iVhK(<I5:S0u@Wq!N[wZXHIDKnF?!)HHwW]:p)";

    /// <summary>The client's public key (Z85).</summary>
    public const string ClientPublicKey = "CJw2jj?Dy]-516K^%OrwMRD67Cc#DTA!4-Jr-hWV";

    /// <summary>The client's secret key (Z85).</summary>
    public const string ClientSecretKey = "FUZ:NMzo{{zr72M+-zVsBau#CpSVrxs8!NJI>]jR";

    /// <summary>Makes a Zinc socket the CURVE server (before it binds).</summary>
    public static void ApplyServer(Socket socket)
    {
        socket.SetOption(SocketOption.CurveServer, true);
        socket.SetOption(SocketOption.CurvePublicKey, ServerPublicKey);
        socket.SetOption(SocketOption.CurveSecretKey, ServerSecretKey);
    }

    /// <summary>Makes a Zinc socket a CURVE client of the bench server (before it connects).</summary>
    public static void ApplyClient(Socket socket)
    {
        socket.SetOption(SocketOption.CurveServerKey, ServerPublicKey);
        socket.SetOption(SocketOption.CurvePublicKey, ClientPublicKey);
        socket.SetOption(SocketOption.CurveSecretKey, ClientSecretKey);
    }

    /// <summary>Makes a libzmq socket the CURVE server (before it binds).</summary>
    public static void ApplyServer(nint socket)
    {
        LibZmq.SetOption(socket, LibZmq.CurveServer, 1);
        LibZmq.SetOption(socket, LibZmq.CurvePublicKey, ServerPublicKey);
        LibZmq.SetOption(socket, LibZmq.CurveSecretKey, ServerSecretKey);
    }

    /// <summary>Makes a libzmq socket a CURVE client of the bench server (before it connects).</summary>
    public static void ApplyClient(nint socket)
    {
        LibZmq.SetOption(socket, LibZmq.CurveServerKey, ServerPublicKey);
        LibZmq.SetOption(socket, LibZmq.CurvePublicKey, ClientPublicKey);
        LibZmq.SetOption(socket, LibZmq.CurveSecretKey, ClientSecretKey);
    }
}
