namespace Zinc;

internal static partial class OptionTable
{
    /// <summary>
    /// Options that belong to particular socket types. The store keeps their values so patterns can read
    /// them through typed properties; like libzmq, most of them cannot be read back with getsockopt.
    /// </summary>
    private static void RegisterPatterns()
    {
        const OptionAccess set = OptionAccess.Set;
        const OptionFlags draft = OptionFlags.Draft;

        // SUB/XSUB (and manual XPUB) subscriptions: commands the socket type performs.
        Action(SocketOption.Subscribe);
        Action(SocketOption.Unsubscribe);

        // ROUTER.
        Bool(SocketOption.RouterMandatory, false, BoolNonNegative, set);
        Bool(SocketOption.RouterHandover, false, BoolNonNegative, set);
        Bool(SocketOption.RouterRaw, false, BoolNonNegative, set, OptionFlags.Deprecated);
        Int(SocketOption.RouterNotify, 0, min: 0, max: 3, flags: draft);
        Bool(SocketOption.ProbeRouter, false, BoolNonNegative, set);

        // ROUTER / STREAM: routing id for the peer of the next connect only.
        Bytes(SocketOption.ConnectRoutingId, 1, 255, set);

        // STREAM.
        Bool(SocketOption.StreamNotify, true, BoolStrict, set);

        // REQ.
        Bool(SocketOption.ReqCorrelate, false, BoolNonNegative, set);
        Bool(SocketOption.ReqRelaxed, false, BoolNonNegative, set);

        // PUB/XPUB/SUB/XSUB.
        Bool(SocketOption.XpubVerbose, false, BoolNonNegative, set);
        Bool(SocketOption.XpubVerboser, false, BoolNonNegative, set);
        Bool(SocketOption.XpubManual, false, BoolNonNegative, set);
        Bool(SocketOption.XpubManualLastValue, false, BoolNonNegative, set, draft);
        Bool(SocketOption.XpubNodrop, false, BoolNonNegative, set);
        Bytes(SocketOption.XpubWelcomeMsg, 0, int.MaxValue, set, OptionFlags.EmptyClears);
        Bool(SocketOption.InvertMatching, false, BoolAny);
        Bool(SocketOption.OnlyFirstSubscribe, false, BoolNonNegative, set, draft);
        Bool(SocketOption.XsubVerboseUnsubscribe, false, BoolNonNegative, set, draft);

        // Automatic messages (DEALER/ROUTER/CLIENT/SERVER/PEER). Empty disables.
        Bytes(SocketOption.HelloMsg, 0, int.MaxValue, set, OptionFlags.EmptyClears | draft);
        Bytes(SocketOption.DisconnectMsg, 0, int.MaxValue, set, OptionFlags.EmptyClears | draft);
        Bytes(SocketOption.HiccupMsg, 0, int.MaxValue, set, OptionFlags.EmptyClears | draft);
    }
}
