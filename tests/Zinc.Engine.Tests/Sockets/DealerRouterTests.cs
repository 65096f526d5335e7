using System.Text;

namespace Zinc.Tests.Sockets;

public sealed class DealerRouterTests
{
    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Router_prefixes_messages_with_the_routing_id_the_peer_announced()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        dealer.SetOption(SocketOption.RoutingId, "peer-A");
        dealer.Connect(ep);
        dealer.SendFrames("hello", "world");
        Assert.Equal(["peer-A", "hello", "world"], router.RecvFrames());
        router.SendFrames("peer-A", "back", "again");
        Assert.Equal(["back", "again"], dealer.RecvFrames());
    }

    [Fact]
    public void Router_generates_distinct_five_byte_ids_for_anonymous_peers()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var a = ctx.Create(SocketType.Dealer);
        using var b = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        a.Connect(ep);
        b.Connect(ep);
        a.SendString("from a");
        b.SendString("from b");
        var ids = new Dictionary<string, byte[]>();
        for (int i = 0; i < 2; i++)
        {
            List<byte[]> frames = router.ReceiveMultipart();
            Assert.Equal(2, frames.Count);
            Assert.Equal(5, frames[0].Length);
            Assert.Equal(0, frames[0][0]);
            ids[Encoding.UTF8.GetString(frames[1])] = frames[0];
        }
        Assert.NotEqual(ids["from a"], ids["from b"]);
        router.SendMultipart([ids["from b"], B("to b")]);
        router.SendMultipart([ids["from a"], B("to a")]);
        Assert.Equal("to a", a.RecvString());
        Assert.Equal("to b", b.RecvString());
    }

    [Fact]
    public void Router_refuses_a_duplicate_routing_id_without_handover()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router, timeoutMs: 100);
        using var first = ctx.Create(SocketType.Dealer);
        using var second = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        first.SetOption(SocketOption.RoutingId, "X");
        second.SetOption(SocketOption.RoutingId, "X");
        first.Connect(ep);
        first.SendString("one");
        Assert.Equal(["X", "one"], router.RecvFrames());

        second.Connect(ep);
        second.SendString("two"); // into the link the router refuses
        router.SendFrames("X", "back");
        Assert.Equal("back", first.RecvString());
        first.SendString("three");
        Assert.Equal(["X", "three"], router.RecvFrames());
        Assert.Null(router.TryRecvString());
        Assert.Null(second.TryRecvString());
    }

    [Fact]
    public void Router_hands_a_duplicate_routing_id_over_with_handover()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var first = ctx.Create(SocketType.Dealer);
        using var second = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.SetOption(SocketOption.RouterHandover, true);
        router.Bind(ep);
        first.SetOption(SocketOption.RoutingId, "X");
        second.SetOption(SocketOption.RoutingId, "X");
        first.Connect(ep);
        first.SendString("one");
        Assert.Equal(["X", "one"], router.RecvFrames());

        second.Connect(ep);
        second.SendString("two");
        Assert.Equal(["X", "two"], router.RecvFrames());
        router.SendFrames("X", "back");
        Assert.Equal("back", second.RecvString());
        Assert.Null(first.TryRecvString());
    }

    [Fact]
    public void Router_mandatory_fails_unknown_ids_with_EHOSTUNREACH()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.SetOption(SocketOption.RouterMandatory, true);
        router.Bind(ep);
        dealer.SetOption(SocketOption.RoutingId, "known");
        dealer.Connect(ep);
        Assert.Equal(ZmqError.EHOSTUNREACH, TestSupport.ErrorOf(() => router.SendString("ghost", more: true)));
        // The failed id frame left no half-message behind: the next message routes normally.
        router.SendFrames("known", "hi");
        Assert.Equal("hi", dealer.RecvString());
    }

    [Fact]
    public void Router_mandatory_fails_a_full_pipe_with_EAGAIN_under_dontwait()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.SetOption(SocketOption.RouterMandatory, true);
        router.SetOption(SocketOption.SndHwm, 1);
        router.Bind(ep);
        dealer.SetOption(SocketOption.RcvHwm, 1);
        dealer.SetOption(SocketOption.RoutingId, "D");
        dealer.Connect(ep);

        // Inproc credit is the sender's SNDHWM plus the receiver's RCVHWM: two messages.
        router.SendFrames("D", "m1");
        router.SendFrames("D", "m2");
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => router.Send(B("D"), SendFlags.SendMore | SendFlags.DontWait)));
        Assert.Equal(PollEvents.None, router.GetEvents() & PollEvents.PollOut);

        // Without DONTWAIT the send blocks until the peer reads.
        Task late = TestSupport.RunBounded(() => router.SendFrames("D", "m3"));
        Assert.Equal("m1", dealer.RecvString());
        Assert.Equal("m2", dealer.RecvString());
        late.WaitBounded("blocked router send");
        Assert.Equal("m3", dealer.RecvString());
    }

    [Fact]
    public void Router_drops_a_message_for_a_full_pipe_without_mandatory()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.SetOption(SocketOption.SndHwm, 1);
        router.Bind(ep);
        dealer.SetOption(SocketOption.RcvHwm, 1);
        dealer.SetOption(SocketOption.RoutingId, "D");
        dealer.Connect(ep);
        for (int i = 1; i <= 5; i++) router.SendFrames("D", $"m{i}", "tail");
        Assert.Equal(["m1", "tail"], dealer.RecvFrames());
        Assert.Equal(["m2", "tail"], dealer.RecvFrames());
        Assert.Null(dealer.TryRecvString());
    }

    [Fact]
    public void Router_silently_drops_messages_for_unknown_ids_without_mandatory()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        dealer.SetOption(SocketOption.RoutingId, "known");
        dealer.Connect(ep);
        router.SendFrames("ghost", "lost", "parts");
        router.SendString("lonely id frame"); // no SNDMORE: not a message to anyone
        router.SendFrames("known", "found");
        Assert.Equal(["found"], dealer.RecvFrames());
        Assert.Null(dealer.TryRecvString());
    }

    [Fact]
    public void Probe_router_delivers_an_empty_message_on_connect()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        dealer.SetOption(SocketOption.ProbeRouter, true);
        dealer.SetOption(SocketOption.RoutingId, "prober");
        dealer.Connect(ep);
        Assert.Equal(["prober", ""], router.RecvFrames());
        // The router can answer right away, before the dealer said anything else.
        router.SendFrames("prober", "welcome");
        Assert.Equal("welcome", dealer.RecvString());
    }

    [Fact]
    public void Router_connecting_to_a_router_addresses_it_by_connect_routing_id()
    {
        using var ctx = new Context();
        using var server = ctx.Create(SocketType.Router);
        using var client = ctx.Create(SocketType.Router);
        string ep = TestSupport.Inproc();
        server.Bind(ep);
        client.SetOption(SocketOption.RouterMandatory, true);
        client.SetOption(SocketOption.RoutingId, "client");
        client.SetOption(SocketOption.ConnectRoutingId, "server");
        client.Connect(ep);
        client.SendFrames("server", "hello");
        Assert.Equal(["client", "hello"], server.RecvFrames());
        server.SendFrames("client", "hi");
        Assert.Equal(["server", "hi"], client.RecvFrames());
    }

    [Fact]
    public void Router_notify_reports_connects_and_disconnects()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        router.SetOption(SocketOption.RouterNotify, 3);
        router.Bind(ep);
        dealer.SetOption(SocketOption.RoutingId, "N");
        dealer.Connect(ep);
        dealer.SendString("data");
        Assert.Equal(["N", ""], router.RecvFrames());
        Assert.Equal(["N", "data"], router.RecvFrames());
        dealer.Dispose();
        Assert.Equal(["N", ""], router.RecvFrames());
    }

    [Fact]
    public void Dealer_round_robins_sends()
    {
        using var ctx = new Context();
        using var x = ctx.Create(SocketType.Dealer);
        using var y = ctx.Create(SocketType.Dealer);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep1 = TestSupport.Inproc(), ep2 = TestSupport.Inproc();
        x.Bind(ep1);
        y.Bind(ep2);
        dealer.Connect(ep1);
        dealer.Connect(ep2);
        for (int i = 0; i < 6; i++) dealer.SendFrames($"m{i}", "part");
        for (int i = 0; i < 6; i += 2)
        {
            Assert.Equal([$"m{i}", "part"], x.RecvFrames());
            Assert.Equal([$"m{i + 1}", "part"], y.RecvFrames());
        }
        Assert.Null(x.TryRecvString());
        Assert.Null(y.TryRecvString());
    }

    [Fact]
    public void Dealer_fair_queues_receives()
    {
        using var ctx = new Context();
        using var dealer = ctx.Create(SocketType.Dealer);
        using var a = ctx.Create(SocketType.Dealer);
        using var b = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        dealer.Bind(ep);
        a.Connect(ep);
        b.Connect(ep);
        for (int i = 0; i < 3; i++) a.SendFrames($"a{i}", "x");
        for (int i = 0; i < 3; i++) b.SendFrames($"b{i}", "x");
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal([$"a{i}", "x"], dealer.RecvFrames());
            Assert.Equal([$"b{i}", "x"], dealer.RecvFrames());
        }
    }

    [Fact]
    public void Dealer_blocks_without_peers()
    {
        using var ctx = new Context();
        using var dealer = ctx.Create(SocketType.Dealer, timeoutMs: 50);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => dealer.SendString("x")));
        Assert.Equal(PollEvents.None, dealer.GetEvents());
    }

    [Fact]
    public void Router_dealer_broker_routes_multipart_requests_and_replies()
    {
        using var ctx = new Context();
        using var frontend = ctx.Create(SocketType.Router);
        using var backend = ctx.Create(SocketType.Dealer);
        using var worker = ctx.Create(SocketType.Rep);
        using var client1 = ctx.Create(SocketType.Req);
        using var client2 = ctx.Create(SocketType.Req);
        string front = TestSupport.Inproc("front"), back = TestSupport.Inproc("back");
        frontend.Bind(front);
        backend.Bind(back);
        worker.Connect(back);
        client1.Connect(front);
        client2.Connect(front);

        client1.SendFrames("c1", "payload");
        client2.SendFrames("c2", "payload");
        // Broker, inline: each request goes through whole, envelope included.
        for (int i = 0; i < 2; i++)
        {
            List<byte[]> request = frontend.ReceiveMultipart();
            Assert.Equal(4, request.Count); // [id][""][c?][payload]
            backend.SendMultipart(request);
        }
        // The worker sees bodies only; its replies carry the envelope back.
        for (int i = 0; i < 2; i++)
        {
            string[] body = worker.RecvFrames();
            worker.SendFrames("re:" + body[0], body[1].ToUpperInvariant());
        }
        for (int i = 0; i < 2; i++) frontend.SendMultipart(backend.ReceiveMultipart());

        Assert.Equal(["re:c1", "PAYLOAD"], client1.RecvFrames());
        Assert.Equal(["re:c2", "PAYLOAD"], client2.RecvFrames());
    }

    [Fact]
    public void Broker_thread_relays_many_round_trips()
    {
        using var ctx = new Context();
        using var frontend = ctx.Create(SocketType.Router);
        using var backend = ctx.Create(SocketType.Dealer);
        using var worker = ctx.Create(SocketType.Rep);
        using var client = ctx.Create(SocketType.Req);
        string front = TestSupport.Inproc("front"), back = TestSupport.Inproc("back");
        frontend.Bind(front);
        backend.Bind(back);
        worker.Connect(back);
        client.Connect(front);
        const int rounds = 200;

        // Each direction is one strictly alternating hop, so the broker can relay in lockstep.
        Task broker = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                backend.SendMultipart(frontend.ReceiveMultipart());
                frontend.SendMultipart(backend.ReceiveMultipart());
            }
        });
        Task service = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < rounds; i++) worker.SendString("re:" + worker.RecvString());
        });
        for (int i = 0; i < rounds; i++)
        {
            client.SendString($"q{i}");
            Assert.Equal($"re:q{i}", client.RecvString());
        }
        broker.WaitBounded("broker");
        service.WaitBounded("worker");
    }
}
