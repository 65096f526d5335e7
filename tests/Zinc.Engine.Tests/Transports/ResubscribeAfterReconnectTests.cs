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
