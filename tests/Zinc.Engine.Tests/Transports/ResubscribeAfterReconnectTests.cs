namespace Zinc.Tests.Transports;

/// <summary>
/// A connecting SUB or XSUB keeps its pipe across reconnects, so the publisher it reaches after
/// one is new and knows none of its subscriptions: the socket sends them all again (libzmq's
/// hiccup). Found by an interop stress run against a restarted libzmq PUB: the Zinc SUB got
/// nothing after the first reconnect.
/// </summary>
public sealed class ResubscribeAfterReconnectTests
{
    public static TheoryData<IoBackend, string, SocketType> Cases => new()
    {
        { IoBackend.Epoll, "tcp", SocketType.Sub },
        { IoBackend.IoUring, "tcp", SocketType.Sub },
        { IoBackend.Epoll, "ipc", SocketType.Sub },
        { IoBackend.IoUring, "tcp", SocketType.XSub },
        { IoBackend.Epoll, "ipc", SocketType.XSub },
    };

    // Publishes "keep" and "drop" messages until a "keep" one arrives (bounded), then checks
    // that no "drop" came with it.
    private static void AssertFiltered(Socket pub, Socket sub, string what)
    {
        sub.SetOption(SocketOption.RcvTimeo, 20);
        var deadline = DateTime.UtcNow.AddMilliseconds(TestSupport.TimeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            pub.SendString("drop-me");
            pub.SendString("keep-me");
            if (sub.TryReceiveBytes(out byte[] data)) // waits up to RCVTIMEO
            {
                Assert.StartsWith("keep", System.Text.Encoding.UTF8.GetString(data));
                return;
            }
        }
        Assert.Fail($"no message reached the subscriber {what}");
    }

    // The closed publisher's listener is released on its IO thread, as libzmq's is on its
    // reaper: a bind to the same port right after may still find it taken for a moment.
    private static void BindAgain(Socket pub, string endpoint)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(TestSupport.TimeoutMs);
        while (true)
        {
            try
            {
                pub.Bind(endpoint);
                return;
            }
            catch (ZmqException e) when (e.Error == ZmqError.EADDRINUSE && DateTime.UtcNow < deadline)
            {
                Thread.Yield();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_subscriber_resubscribes_when_its_publisher_comes_back(IoBackend backend, string transport, SocketType type)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        using var sub = ctx.CreateStream(type);
        sub.SetOption(SocketOption.ReconnectIvl, 10);
        string endpoint;
        using (var pub = ctx.CreateStream(SocketType.Pub))
        {
            pub.Bind(StreamTestSupport.BindEndpoint(transport));
            endpoint = pub.LastEndpoint!;
            sub.Connect(endpoint);
            if (type == SocketType.Sub) sub.Subscribe("keep");
            else sub.Send("\u0001keep"u8);
            AssertFiltered(pub, sub, "before the restart");
        }
        for (int restart = 1; restart <= 2; restart++)
        {
            using var pub = ctx.CreateStream(SocketType.Pub);
            BindAgain(pub, endpoint); // the subscriber reconnects to a publisher with no subscriptions
            AssertFiltered(pub, sub, $"after restart {restart}");
        }
    }
}

/// <summary>Review findings on the resubscribe: no duplicate with IMMEDIATE, never inside the application's message.</summary>
public sealed class ResubscribeEdgeTests
{
    private static Socket BindXPubAgain(Context ctx, string endpoint)
    {
        Socket xpub = ctx.CreateStream(SocketType.XPub);
        xpub.SetOption(SocketOption.XpubVerbose, true);
        var deadline = DateTime.UtcNow.AddMilliseconds(TestSupport.TimeoutMs);
        while (true)
        {
            try
            {
                xpub.Bind(endpoint);
                return xpub;
            }
            catch (ZmqException e) when (e.Error == ZmqError.EADDRINUSE && DateTime.UtcNow < deadline)
            {
                Thread.Yield();
            }
        }
    }

    // Receives on the XPUB, letting the subscriber process its commands between tries.
    private static string ReceiveWhilePoking(Socket xpub, Socket subscriber)
    {
        xpub.SetOption(SocketOption.RcvTimeo, 20);
        var deadline = DateTime.UtcNow.AddMilliseconds(TestSupport.TimeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            subscriber.TryReceiveBytes(out _, ReceiveFlags.DontWait);
            if (xpub.TryReceiveBytes(out byte[] data)) return string.Join("|", new[] { data }.Concat(ReadRest(xpub)).Select(f => System.Text.Encoding.UTF8.GetString(f)));
        }
        throw new TimeoutException("nothing reached the publisher");
    }

    private static IEnumerable<byte[]> ReadRest(Socket socket)
    {
        var rest = new List<byte[]>();
        while (socket.HasMore) rest.Add(socket.ReceiveBytes());
        return rest;
    }

    [Fact]
    public void With_immediate_a_reconnected_subscriber_subscribes_once()
    {
        using var ctx = new Context();
        using var sub = ctx.CreateStream(SocketType.Sub);
        sub.SetOption(SocketOption.ReconnectIvl, 10);
        sub.SetOption(SocketOption.Immediate, true);
        string endpoint;
        using (var xpub = ctx.CreateStream(SocketType.XPub))
        {
            xpub.Bind("tcp://127.0.0.1:*");
            endpoint = xpub.LastEndpoint!;
            sub.Connect(endpoint);
            sub.Subscribe("a");
            Assert.Equal("\u0001a", ReceiveWhilePoking(xpub, sub));
        }
        using var again = BindXPubAgain(ctx, endpoint);
        Assert.Equal("\u0001a", ReceiveWhilePoking(again, sub));
        sub.TryReceiveBytes(out _, ReceiveFlags.DontWait); // any second replay is queued by now
        sub.Subscribe("z");
        Assert.Equal("\u0001z", ReceiveWhilePoking(again, sub)); // not a second "\u0001a"
    }

    [Fact]
    public void An_xsub_reconnected_midway_through_a_message_resubscribes_after_it()
    {
        using var ctx = new Context();
        using var xsub = ctx.CreateStream(SocketType.XSub);
        xsub.SetOption(SocketOption.ReconnectIvl, 10);
        using var handshakes = new MonitorReader(ctx, xsub, SocketEvents.HandshakeSucceeded);
        string endpoint;
        using (var xpub = ctx.CreateStream(SocketType.XPub))
        {
            xpub.Bind("tcp://127.0.0.1:*");
            endpoint = xpub.LastEndpoint!;
            xsub.Connect(endpoint);
            xsub.Send("\u0001keep"u8);
            Assert.Equal("\u0001keep", xpub.RecvString());
            handshakes.WaitFor(SocketEvents.HandshakeSucceeded);
        }
        using var again = BindXPubAgain(ctx, endpoint);
        xsub.Send("user"u8, SendFlags.SendMore);
        handshakes.WaitFor(SocketEvents.HandshakeSucceeded); // the resubscribe waits in the mailbox
        xsub.Send("tail"u8); // processes it between the two frames
        again.SetOption(SocketOption.RcvTimeo, TestSupport.TimeoutMs);
        var messages = new[] { ReceiveWhilePoking(again, xsub), ReceiveWhilePoking(again, xsub) };
        Assert.Contains("user|tail", messages);
        Assert.Contains("\u0001keep", messages);
    }
}
