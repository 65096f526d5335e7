using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>
/// A compatible socket pair and the exchange that proves it works: side A, side B, the options each
/// needs, and a round trip written against <see cref="IEnd"/> so it runs Zinc↔libzmq and libzmq↔libzmq.
/// </summary>
internal sealed record PatternCase(string Name, SocketType TypeA, SocketType TypeB, string[] AOptions, string[] BOptions, Action<IEnd, IEnd, bool> Run)
{
    public bool Symmetric => TypeA == TypeB;

    public override string ToString() => Name;

    public static readonly PatternCase[] All =
    [
        new("PAIR-PAIR", SocketType.Pair, SocketType.Pair, [], [], (a, b, _) => PingPong(a, b)),
        new("PUB-SUB", SocketType.Pub, SocketType.Sub, [], ["SUBSCRIBE=x:"], (a, b, _) => PublishUntilHeard(a, b)),
        new("XPUB-SUB", SocketType.XPub, SocketType.Sub, [], ["SUBSCRIBE=" + Hex("t")], (a, b, _) => SubscriptionReachesXPub(a, b)),
        new("PUB-XSUB", SocketType.Pub, SocketType.XSub, [], [], (a, b, _) =>
        {
            b.Send([1]); // XSUB subscribes to everything by sending 0x01 + empty prefix
            PublishUntilHeard(a, b);
        }),
        new("XPUB-XSUB", SocketType.XPub, SocketType.XSub, [], [], (a, b, _) =>
        {
            b.Send([1, (byte)'t']);
            SubscriptionReachesXPub(a, b);
        }),
        new("REQ-REP", SocketType.Req, SocketType.Rep, [], [], (a, b, _) =>
        {
            a.Send(B("question"));
            Expect(b, "question");
            b.Send(B("answer"));
            Expect(a, "answer");
        }),
        new("REQ-ROUTER", SocketType.Req, SocketType.Router, [], [], (a, b, _) =>
        {
            a.Send(B("question"));
            byte[][] got = Recv(b);
            Assert.Equal(3, got.Length); // [routing id, empty delimiter, body]
            Assert.Empty(got[1]);
            Assert.Equal("question", S(got[2]));
            b.Send(got[0], [], B("answer"));
            Expect(a, "answer");
        }),
        new("DEALER-REP", SocketType.Dealer, SocketType.Rep, [], [], (a, b, _) =>
        {
            a.Send([], B("question"));
            Expect(b, "question");
            b.Send(B("answer"));
            Expect(a, "", "answer");
        }),
        new("DEALER-ROUTER", SocketType.Dealer, SocketType.Router, [], [], (a, b, _) =>
        {
            a.Send(B("question"));
            byte[][] got = Recv(b);
            Assert.Equal(2, got.Length);
            Assert.Equal("question", S(got[1]));
            b.Send(got[0], B("answer"));
            Expect(a, "answer");
        }),
        new("DEALER-DEALER", SocketType.Dealer, SocketType.Dealer, [], [], (a, b, _) => PingPong(a, b)),
        new("ROUTER-ROUTER", SocketType.Router, SocketType.Router, ["ROUTING_ID=" + Hex("RA")], ["ROUTING_ID=" + Hex("RB")], RouterToRouter),
        new("PUSH-PULL", SocketType.Push, SocketType.Pull, [], [], (a, b, _) =>
        {
            a.Send(B("job1"));
            a.Send(B("job2"));
            Expect(b, "job1");
            Expect(b, "job2");
        }),
    ];

    public static PatternCase Named(string name) => All.Single(c => c.Name == name);

    private static void PingPong(IEnd a, IEnd b)
    {
        a.Send(B("ping"));
        Expect(b, "ping");
        b.Send(B("pong"));
        Expect(a, "pong");
    }

    // Slow joiner: what a PUB sends before the subscription reaches it is dropped, so retry.
    private static void PublishUntilHeard(IEnd pub, IEnd sub)
    {
        byte[][] got = SendUntilReceived(() => pub.Send(B("news")), sub);
        Assert.Equal(["news"], got.Select(S));
        Drain(sub);
        pub.Send(B("more"), B("parts"));
        Expect(sub, "more", "parts");
    }

    private static void SubscriptionReachesXPub(IEnd xpub, IEnd sub)
    {
        // A bound subscriber attaches an accepted peer, and so sends it the subscriptions, only
        // when its application calls into it (libzmq 4.3.4 too: checked with a raw peer). A real
        // subscriber sits in recv/poll; here it is polled between tries.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        byte[][]? subscription = null;
        while (subscription is null && clock.ElapsedMilliseconds < WaitMs)
        {
            Assert.Null(sub.TryRecv(1)); // nothing is published yet
            subscription = xpub.TryRecv(50);
        }
        Assert.NotNull(subscription);
        Assert.Equal([1, (byte)'t'], Assert.Single(subscription));
        // Once the subscription is in, the link is up: no retry needed, and the filter applies.
        xpub.Send(B("other"));
        xpub.Send(B("topic"));
        Expect(sub, "topic");
    }

    // Each ROUTER knows the other's id (set on both), but drops messages for peers not yet
    // connected, so the connecting side retries until the binder hears it.
    private static void RouterToRouter(IEnd a, IEnd b, bool aBinds)
    {
        (IEnd binder, IEnd connector, string binderId, string connectorId) = aBinds ? (a, b, "RA", "RB") : (b, a, "RB", "RA");
        byte[][] got = SendUntilReceived(() => connector.Send(B(binderId), B("hello")), binder);
        Assert.Equal([connectorId, "hello"], got.Select(S));
        Drain(binder);
        binder.Send(B(connectorId), B("welcome"));
        Expect(connector, binderId, "welcome");
    }

    /// <summary>Sets up both sides (binder first, so the connector gets the resolved endpoint) and runs the exchange.</summary>
    public static void RunCase(PatternCase c, bool zincIsA, bool aBinds, string transport, bool allLibzmq = false)
    {
        using var ctx = new Context();
        bool zincA = zincIsA && !allLibzmq, zincB = !zincIsA && !allLibzmq;
        IEnd? a = null, b = null;
        try
        {
            if (aBinds)
            {
                a = Make(ctx, zincA, c.TypeA, true, BindEndpoint(transport), c.AOptions);
                b = Make(ctx, zincB, c.TypeB, false, a.Endpoint, c.BOptions);
            }
            else
            {
                b = Make(ctx, zincB, c.TypeB, true, BindEndpoint(transport), c.BOptions);
                a = Make(ctx, zincA, c.TypeA, false, b.Endpoint, c.AOptions);
            }
            c.Run(a, b, aBinds);
        }
        finally
        {
            a?.Dispose();
            b?.Dispose();
        }
    }
}
