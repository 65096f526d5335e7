using System.Text;

namespace Zinc.Tests.Transports;

/// <summary>
/// Which connections a blocking receive may borrow: CURVE connections, XPUB (and PUB) sockets
/// and STREAM sockets never lend theirs, and still deliver everything; a SUB, which sends
/// subscription commands on the same connection, does lend it.
/// </summary>
public class DirectReadEligibilityTests
{
    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    /// <summary>Blocking receives that find nothing, checking after each that no connection is lent.</summary>
    private static void AssertNeverLent(Socket socket, string what)
    {
        int saved = socket.GetOptionInt32(SocketOption.RcvTimeo);
        socket.SetOption(SocketOption.RcvTimeo, 10);
        try
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.False(socket.TryReceiveBytes(out _), "a message arrived while checking");
                Assert.True(DirectRead.LentCount(socket) == 0, $"a {what} connection was lent to the receiving thread");
            }
        }
        finally
        {
            socket.SetOption(SocketOption.RcvTimeo, saved);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_curve_connection_is_never_lent_and_delivers_everything(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.CurveServer, true);
        pull.SetOption(SocketOption.CurveSecretKey, serverKeys.SecretKey);
        pull.SetOption(SocketOption.RcvHwm, 10);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.CurveServerKey, serverKeys.PublicKey);
        push.SetOption(SocketOption.CurvePublicKey, clientKeys.PublicKeyZ85);
        push.SetOption(SocketOption.CurveSecretKey, clientKeys.SecretKeyZ85);
        push.Connect(pull.LastEndpoint);
        push.SendString("hello");
        Assert.Equal("hello", pull.RecvString());
        AssertNeverLent(pull, "CURVE");

        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < 5000; i++) push.Send(DirectRead.Seq(i));
        });
        for (int i = 0; i < 5000; i++) Assert.Equal(i, DirectRead.SeqOf(pull.ReceiveBytes()));
        sender.WaitBounded("sender");
        Assert.Equal(0, DirectRead.LentCount(pull));
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void An_xpub_never_lends_its_connections_and_sees_every_subscription(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket xpub = ctx.CreateStream(SocketType.XPub);
        xpub.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket sub = ctx.CreateStream(SocketType.Sub);
        sub.Connect(xpub.LastEndpoint);
        sub.Subscribe("first");
        Assert.Equal("\u0001first", xpub.RecvString());
        AssertNeverLent(xpub, "XPUB");
        for (int i = 0; i < 200; i++) sub.Subscribe($"topic-{i}");
        for (int i = 0; i < 200; i++) Assert.Equal($"\u0001topic-{i}", xpub.RecvString());
        Assert.Equal(0, DirectRead.LentCount(xpub));
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_stream_socket_never_lends_its_connections(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket stream = ctx.CreateStream(SocketType.Stream);
        stream.Bind(StreamTestSupport.BindEndpoint(transport));
        using RawPeer raw = RawPeer.Connect(stream.LastEndpoint);
        byte[] id = stream.ReceiveBytes();
        Assert.Empty(stream.ReceiveBytes()); // the connect notification
        AssertNeverLent(stream, "STREAM");
        raw.Write("payload");
        var got = new StringBuilder();
        while (got.Length < "payload".Length)
        {
            Assert.Equal(id, stream.ReceiveBytes());
            got.Append(stream.RecvString());
        }
        Assert.Equal("payload", got.ToString());
    }

    // Waits until the subscription to prefix works, then reads up to a fence message, so no late
    // retry is left queued.
    private static void Subscribed(Socket pub, Socket sub, string prefix)
    {
        StreamTestSupport.SendUntilReceived(pub, sub, $"{prefix}-ready");
        pub.SendString($"{prefix}-fence");
        while (sub.RecvString() != $"{prefix}-fence") { }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_sub_lends_its_connection_and_keeps_subscribing_while_lent(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pub = ctx.CreateStream(SocketType.Pub);
        pub.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket sub = ctx.CreateStream(SocketType.Sub);
        sub.Connect(pub.LastEndpoint);
        sub.Subscribe("a");
        Subscribed(pub, sub, "a");
        DirectRead.EnsureLent(sub);

        // A subscription sent while the connection is lent reaches the publisher: messages on it follow.
        sub.Subscribe("b");
        Subscribed(pub, sub, "b");
        DirectRead.EnsureLent(sub);
        for (int batch = 0; batch < 10; batch++) // batches well under the HWMs: a PUB drops past them
        {
            for (int i = 0; i < 100; i++)
            {
                pub.SendString($"a-{batch}-{i}");
                pub.SendString($"c-{batch}-{i}"); // nobody subscribed
                pub.SendString($"b-{batch}-{i}");
            }
            for (int i = 0; i < 100; i++)
            {
                Assert.Equal($"a-{batch}-{i}", sub.RecvString());
                Assert.Equal($"b-{batch}-{i}", sub.RecvString());
            }
        }
        Assert.Null(sub.TryRecvString());
    }
}
