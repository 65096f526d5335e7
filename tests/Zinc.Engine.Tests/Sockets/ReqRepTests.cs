namespace Zinc.Tests.Sockets;

public sealed class ReqRepTests
{
    [Fact]
    public void Req_and_rep_alternate_in_lockstep()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.Connect(ep);
        for (int i = 0; i < 10; i++)
        {
            req.SendString($"q{i}");
            Assert.Equal($"q{i}", rep.RecvString());
            Assert.False(rep.HasMore);
            rep.SendString($"a{i}");
            Assert.Equal($"a{i}", req.RecvString());
            Assert.False(req.HasMore);
        }
    }

    [Fact]
    public void Req_and_rep_on_separate_threads_complete_round_trips()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.Connect(ep);
        const int rounds = 500;
        Task server = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < rounds; i++) rep.SendString("re:" + rep.RecvString());
        });
        for (int i = 0; i < rounds; i++)
        {
            req.SendString($"q{i}");
            Assert.Equal($"re:q{i}", req.RecvString());
        }
        server.WaitBounded("rep loop");
    }

    [Fact]
    public void Req_rejects_second_send_before_receive()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.Connect(ep);
        req.SendString("first");
        Assert.Equal(ZmqError.EFSM, TestSupport.ErrorOf(() => req.SendString("second")));
        Assert.Equal(PollEvents.None, req.GetEvents() & PollEvents.PollOut);
        // The state machine is intact: the first request is answered normally.
        Assert.Equal("first", rep.RecvString());
        rep.SendString("reply");
        Assert.Equal("reply", req.RecvString());
    }

    [Fact]
    public void Req_rejects_receive_before_send()
    {
        using var ctx = new Context();
        using var req = ctx.Create(SocketType.Req);
        req.Connect(TestSupport.Inproc());
        Assert.Equal(ZmqError.EFSM, TestSupport.ErrorOf(() => req.RecvString()));
    }

    [Fact]
    public void Rep_rejects_send_before_receive()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        rep.Bind(TestSupport.Inproc());
        Assert.Equal(ZmqError.EFSM, TestSupport.ErrorOf(() => rep.SendString("unasked")));
    }

    [Fact]
    public void Rep_rejects_receive_while_a_reply_is_owed()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.Connect(ep);
        req.SendString("q");
        Assert.Equal("q", rep.RecvString());
        Assert.Equal(ZmqError.EFSM, TestSupport.ErrorOf(() => rep.RecvString()));
        Assert.Equal(PollEvents.PollOut, rep.GetEvents());
    }

    [Fact]
    public void Req_round_robins_requests_over_two_reps()
    {
        using var ctx = new Context();
        using var rep1 = ctx.Create(SocketType.Rep);
        using var rep2 = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep1 = TestSupport.Inproc(), ep2 = TestSupport.Inproc();
        rep1.Bind(ep1);
        rep2.Bind(ep2);
        req.Connect(ep1);
        req.Connect(ep2);

        Socket[] expected = [rep1, rep2, rep1, rep2];
        for (int i = 0; i < expected.Length; i++)
        {
            req.SendString($"q{i}");
            Socket other = expected[i] == rep1 ? rep2 : rep1;
            Assert.Null(other.TryRecvString());
            Assert.Equal($"q{i}", expected[i].RecvString());
            expected[i].SendString($"a{i}");
            Assert.Equal($"a{i}", req.RecvString());
        }
    }

    [Fact]
    public void Rep_fair_queues_two_reqs_and_replies_to_the_right_one()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req1 = ctx.Create(SocketType.Req);
        using var req2 = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req1.Connect(ep);
        req2.Connect(ep);
        for (int round = 0; round < 3; round++)
        {
            req1.SendString($"one-{round}");
            req2.SendString($"two-{round}");
            var seen = new List<string>();
            for (int i = 0; i < 2; i++)
            {
                string request = rep.RecvString();
                seen.Add(request);
                rep.SendString("re:" + request);
            }
            Assert.Equal([$"one-{round}", $"two-{round}"], seen.Order());
            Assert.Equal($"re:one-{round}", req1.RecvString());
            Assert.Equal($"re:two-{round}", req2.RecvString());
        }
    }

    [Fact]
    public void Req_and_rep_carry_multipart_bodies()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.Connect(ep);
        req.SendFrames("a", "", "c");
        Assert.Equal(["a", "", "c"], rep.RecvFrames());
        rep.SendFrames("x", "y");
        Assert.Equal(["x", "y"], req.RecvFrames());
    }

    [Fact]
    public void Req_through_router_shows_id_delimiter_and_body_and_gets_the_reply()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        req.SetOption(SocketOption.RoutingId, "client");
        req.Connect(ep);
        req.SendString("hello");
        Assert.Equal(["client", "", "hello"], router.RecvFrames());
        router.SendFrames("client", "", "world");
        Assert.Equal("world", req.RecvString());
        Assert.False(req.HasMore);
    }

    [Fact]
    public void Req_drops_replies_without_the_delimiter()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        req.SetOption(SocketOption.RoutingId, "client");
        req.Connect(ep);
        req.SendString("hello");
        Assert.Equal(["client", "", "hello"], router.RecvFrames());
        router.SendFrames("client", "no delimiter");
        router.SendFrames("client", "x", "", "wrong delimiter position");
        router.SendFrames("client", "", "good");
        Assert.Equal("good", req.RecvString());
    }

    [Fact]
    public void Req_accepts_the_reply_only_from_the_peer_it_asked()
    {
        using var ctx = new Context();
        using var r1 = ctx.Create(SocketType.Router);
        using var r2 = ctx.Create(SocketType.Router);
        using var req = ctx.Create(SocketType.Req);
        string ep1 = TestSupport.Inproc(), ep2 = TestSupport.Inproc();
        r1.Bind(ep1);
        r2.Bind(ep2);
        req.SetOption(SocketOption.RoutingId, "client");
        req.Connect(ep1);
        req.Connect(ep2);
        req.SendString("question"); // first pipe: r1
        Assert.Equal(["client", "", "question"], r1.RecvFrames());
        r2.SendFrames("client", "", "impostor");
        r1.SendFrames("client", "", "answer");
        Assert.Equal("answer", req.RecvString());
    }

    [Fact]
    public void Dealer_to_rep_needs_a_manual_empty_delimiter()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        dealer.Connect(ep);
        dealer.SendFrames("", "hello");
        Assert.Equal("hello", rep.RecvString());
        rep.SendString("world");
        Assert.Equal(["", "world"], dealer.RecvFrames());
    }

    [Fact]
    public void Rep_drops_requests_without_a_delimiter()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var dealer = ctx.Create(SocketType.Dealer);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        dealer.Connect(ep);
        dealer.SendString("no envelope");
        dealer.SendFrames("still", "no envelope");
        dealer.SendFrames("id", "", "good");
        Assert.Equal("good", rep.RecvString());
        rep.SendString("ok");
        // The whole envelope (the fake id and the delimiter) comes back in front of the reply.
        Assert.Equal(["id", "", "ok"], dealer.RecvFrames());
    }

    [Fact]
    public void Rep_drops_the_reply_when_the_requester_is_gone()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var gone = ctx.Create(SocketType.Req);
        using var next = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        gone.Connect(ep);
        gone.SendString("q1");
        Assert.Equal("q1", rep.RecvString());
        gone.Dispose();
        rep.SendString("nobody hears this"); // no error, no block
        next.Connect(ep);
        next.SendString("q2");
        Assert.Equal("q2", rep.RecvString());
        rep.SendString("a2");
        Assert.Equal("a2", next.RecvString());
    }

    [Fact]
    public void Req_relaxed_lets_a_second_request_go_and_drops_the_late_reply()
    {
        using var ctx = new Context();
        using var slow = ctx.Create(SocketType.Rep);
        using var fast = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep1 = TestSupport.Inproc(), ep2 = TestSupport.Inproc();
        slow.Bind(ep1);
        fast.Bind(ep2);
        req.SetOption(SocketOption.ReqRelaxed, true);
        req.Connect(ep1);
        req.Connect(ep2);

        req.SendString("q1"); // to slow, which does not answer yet
        Assert.Equal("q1", slow.RecvString());
        req.SendString("q2"); // allowed: relaxed
        Assert.Equal("q2", fast.RecvString());
        fast.SendString("a2");
        Assert.Equal("a2", req.RecvString());

        slow.SendString("a1 (late)");
        req.SendString("q3"); // round robin: slow again; its late answer is dropped
        Assert.Equal("q3", slow.RecvString());
        slow.SendString("a3");
        Assert.Equal("a3", req.RecvString());
    }

    [Fact]
    public void Req_correlate_drops_stale_replies()
    {
        using var ctx = new Context();
        using var rep = ctx.Create(SocketType.Rep);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        rep.Bind(ep);
        req.SetOption(SocketOption.ReqRelaxed, true);
        req.SetOption(SocketOption.ReqCorrelate, true);
        req.Connect(ep);

        req.SendString("q1");
        req.SendString("q2");
        Assert.Equal("q1", rep.RecvString());
        rep.SendString("a1");
        Assert.Equal("q2", rep.RecvString());
        rep.SendString("a2");
        // Same peer, so only the request id tells the stale a1 from a2.
        Assert.Equal("a2", req.RecvString());
        Assert.False(req.HasMore);
    }

    [Fact]
    public void Req_correlate_puts_a_request_id_before_the_delimiter()
    {
        using var ctx = new Context();
        using var router = ctx.Create(SocketType.Router);
        using var req = ctx.Create(SocketType.Req);
        string ep = TestSupport.Inproc();
        router.Bind(ep);
        req.SetOption(SocketOption.ReqCorrelate, true);
        req.SetOption(SocketOption.RoutingId, "c");
        req.Connect(ep);
        req.SendString("q");
        List<byte[]> frames = router.ReceiveMultipart();
        Assert.Equal(4, frames.Count);
        Assert.Equal(4, frames[1].Length);
        Assert.Empty(frames[2]);

        // A reply with another id is ignored; the echoed id is accepted.
        byte[] wrongId = (byte[])frames[1].Clone();
        wrongId[0] ^= 0xFF;
        router.SendMultipart([frames[0], wrongId, [], "stale"u8.ToArray()]);
        router.SendMultipart([frames[0], frames[1], [], "fresh"u8.ToArray()]);
        Assert.Equal("fresh", req.RecvString());
    }
}
