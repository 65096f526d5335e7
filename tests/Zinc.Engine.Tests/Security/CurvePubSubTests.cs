using Zinc.Tests.Transports;

namespace Zinc.Tests.Security;

/// <summary>
/// PUB/SUB and XPUB/XSUB under CURVE. A ZMTP 3.1 subscriber sends SUBSCRIBE and CANCEL as
/// commands, which arrive sealed: the publisher opens the box once and hands the plain
/// subscription to its pattern. (Opening it a second time failed, and the first subscription
/// ended the connection as a protocol error, on every reconnect.)
/// </summary>
public class CurvePubSubTests
{
    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    private static void Secure(Socket publisher, Socket subscriber)
    {
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        publisher.SetOption(SocketOption.CurveServer, true);
        publisher.SetOption(SocketOption.CurveSecretKey, serverKeys.SecretKey);
        subscriber.SetOption(SocketOption.CurveServerKey, serverKeys.PublicKey);
        subscriber.SetOption(SocketOption.CurvePublicKey, clientKeys.PublicKeyZ85);
        subscriber.SetOption(SocketOption.CurveSecretKey, clientKeys.SecretKeyZ85);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_curve_subscriber_gets_what_it_subscribed_to(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pub = ctx.CreateStream(SocketType.Pub);
        using Socket sub = ctx.CreateStream(SocketType.Sub);
        Secure(pub, sub);
        using var pubEvents = new MonitorReader(ctx, pub, SocketEvents.Disconnected | SocketEvents.HandshakeFailedProtocol);
        pub.Bind(StreamTestSupport.BindEndpoint(transport));
        sub.Connect(pub.LastEndpoint);
        sub.SetOption(SocketOption.Subscribe, "news"u8.ToArray());

        StreamTestSupport.SendUntilReceived(pub, sub, "news ready");
        pub.SendString("other");
        pub.SendString("news 2");
        Assert.Equal("news 2", sub.RecvString());
        Assert.Empty(pubEvents.DrainNow());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_curve_xpub_reads_subscribe_and_cancel(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket xpub = ctx.CreateStream(SocketType.XPub);
        using Socket sub = ctx.CreateStream(SocketType.Sub);
        Secure(xpub, sub);
        xpub.Bind(StreamTestSupport.BindEndpoint(transport));
        sub.Connect(xpub.LastEndpoint);
        sub.SetOption(SocketOption.Subscribe, "a"u8.ToArray());
        Assert.Equal(new byte[] { 1, (byte)'a' }, xpub.ReceiveBytes());
        sub.SetOption(SocketOption.Unsubscribe, "a"u8.ToArray());
        Assert.Equal(new byte[] { 0, (byte)'a' }, xpub.ReceiveBytes());
    }
}
