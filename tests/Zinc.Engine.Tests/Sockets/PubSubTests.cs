using System.Text;

namespace Zinc.Tests.Sockets;

public sealed class PubSubTests
{
    // A PUB learns of a subscription only when it reads its inbound pipe (on its next send), so
    // before asserting delivery the test publishes a probe until every subscriber has one, then
    // drains the extra probes. Bounded by a deadline; Thread.Yield only between attempts.
    internal static void Sync(Socket pub, string probe, params Socket[] subs)
    {
        long deadline = Environment.TickCount64 + TestSupport.TimeoutMs;
        var seen = new bool[subs.Length];
        while (true)
        {
            pub.SendString(probe);
            bool all = true;
            for (int i = 0; i < subs.Length; i++)
            {
                if (!seen[i]) seen[i] = subs[i].TryRecvString() == probe;
                all &= seen[i];
            }
            if (all) break;
            if (Environment.TickCount64 > deadline) throw new TimeoutException("subscription never reached the publisher");
            Thread.Yield();
        }
        foreach (Socket sub in subs)
            while (sub.TryRecvString() is { } extra) Assert.Equal(probe, extra);
    }

    private static (Socket Pub, Socket Sub) Pair(Context ctx, string? subscription)
    {
        Socket pub = ctx.Create(SocketType.Pub);
        Socket sub = ctx.Create(SocketType.Sub);
        string ep = TestSupport.Inproc("pubsub");
        pub.Bind(ep);
        sub.Connect(ep);
        if (subscription is not null) sub.Subscribe(subscription);
        return (pub, sub);
    }

    [Fact]
    public void Subscription_is_a_prefix_match_on_the_first_frame()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            Sync(pub, "A-probe", sub);
            foreach (string m in new[] { "B1", "A1", "AB", "C", "", "a" }) pub.SendString(m);
            Assert.Equal("A1", sub.RecvString());
            Assert.Equal("AB", sub.RecvString());
            Assert.Null(sub.TryRecvString());
        }
    }

    [Fact]
    public void Empty_subscription_receives_everything()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "");
        using (pub)
        using (sub)
        {
            Sync(pub, "probe", sub);
            foreach (string m in new[] { "x", "", "yz" }) pub.SendString(m);
            Assert.Equal("x", sub.RecvString());
            Assert.Equal("", sub.RecvString());
            Assert.Equal("yz", sub.RecvString());
        }
    }

    [Fact]
    public void Subscriber_without_subscription_receives_nothing()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var none = ctx.Create(SocketType.Sub);
        using var all = ctx.Create(SocketType.Sub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        none.Connect(ep);
        all.Connect(ep);
        all.Subscribe("");
        Sync(pub, "probe", all);
        pub.SendString("data");
        Assert.Equal("data", all.RecvString());
        Assert.Null(none.TryRecvString());
    }

    [Fact]
    public void Unsubscribe_stops_delivery()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            Sync(pub, "A-probe", sub);
            sub.Unsubscribe("A");
            // Subscriptions travel in order: once the publisher honours "Y" it has seen the unsubscribe.
            sub.Subscribe("Y");
            Sync(pub, "Y-probe", sub);
            pub.SendString("A1");
            pub.SendString("Y1");
            Assert.Equal("Y1", sub.RecvString());
            Assert.Null(sub.TryRecvString());
        }
    }

    [Fact]
    public void Subscriptions_are_counted_two_subscribes_need_two_unsubscribes()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            sub.Subscribe("A");
            Sync(pub, "A-probe", sub);
            sub.Unsubscribe("A");
            sub.Subscribe("Y");
            Sync(pub, "Y-probe", sub);
            pub.SendString("A1");
            Assert.Equal("A1", sub.RecvString());

            sub.Unsubscribe("A");
            sub.Subscribe("X");
            Sync(pub, "X-probe", sub);
            pub.SendString("A2");
            pub.SendString("X2");
            Assert.Equal("X2", sub.RecvString());
            Assert.Null(sub.TryRecvString());
        }
    }

    [Fact]
    public void Subscription_made_before_connect_is_replayed_on_attach()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var sub = ctx.Create(SocketType.Sub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        sub.Subscribe("T");
        sub.Connect(ep);
        Sync(pub, "T-probe", sub);
        pub.SendString("T1");
        Assert.Equal("T1", sub.RecvString());
    }

    [Fact]
    public void Pub_sub_work_with_connect_before_bind()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var sub = ctx.Create(SocketType.Sub);
        string ep = TestSupport.Inproc();
        sub.Connect(ep);
        sub.Subscribe("early");
        pub.Bind(ep);
        sub.Subscribe("late");
        Sync(pub, "early-probe", sub);
        Sync(pub, "late-probe", sub);
        pub.SendString("early1");
        pub.SendString("late1");
        pub.SendString("other");
        Assert.Equal("early1", sub.RecvString());
        Assert.Equal("late1", sub.RecvString());
        Assert.Null(sub.TryRecvString());
    }

    [Fact]
    public void Each_subscriber_gets_its_own_copy()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        var subs = new Socket[3];
        for (int i = 0; i < subs.Length; i++)
        {
            subs[i] = ctx.Create(SocketType.Sub);
            subs[i].Connect(ep);
            subs[i].Subscribe("");
        }
        try
        {
            Sync(pub, "probe", subs);
            pub.SendString("hello");
            foreach (Socket sub in subs) Assert.Equal("hello", sub.RecvString());
        }
        finally
        {
            foreach (Socket sub in subs) sub.Dispose();
        }
    }

    [Fact]
    public void Large_message_fan_out_shares_one_buffer()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        var subs = new Socket[3];
        for (int i = 0; i < subs.Length; i++)
        {
            subs[i] = ctx.Create(SocketType.Sub);
            subs[i].Connect(ep);
            subs[i].Subscribe("");
        }
        var received = new Msg[subs.Length];
        try
        {
            Sync(pub, "probe", subs);
            byte[] payload = new byte[4096];
            for (int i = 0; i < payload.Length; i++) payload[i] = (byte)(i * 7);
            pub.Send(payload);
            for (int i = 0; i < subs.Length; i++)
            {
                subs[i].Receive(ref received[i]);
                Assert.True(received[i].Data.SequenceEqual(payload));
            }
            MsgBuffer? shared = received[0].SharedBuffer;
            Assert.NotNull(shared);
            Assert.Same(shared, received[1].SharedBuffer);
            Assert.Same(shared, received[2].SharedBuffer);
            Assert.Equal(3, shared!.RefCount);
        }
        finally
        {
            for (int i = 0; i < received.Length; i++) received[i].Close();
            foreach (Socket sub in subs) sub.Dispose();
        }
    }

    [Fact]
    public void Steady_state_fan_out_allocates_nothing()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        var subs = new Socket[3];
        for (int i = 0; i < subs.Length; i++)
        {
            subs[i] = ctx.Create(SocketType.Sub);
            subs[i].Connect(ep);
            subs[i].Subscribe("A");
            subs[i].Subscribe("AB"); // two matching prefixes: still one copy per subscriber
        }
        Msg msg = default;
        try
        {
            Sync(pub, "AB-probe", subs);
            byte[] small = Encoding.UTF8.GetBytes("AB small");
            byte[] large = new byte[4096];
            small.AsSpan(0, 2).CopyTo(large);

            void Round()
            {
                pub.Send(small);
                pub.Send(large, SendFlags.SendMore);
                pub.Send(small);
                foreach (Socket sub in subs)
                {
                    sub.Receive(ref msg);
                    sub.Receive(ref msg);
                    sub.Receive(ref msg);
                }
            }

            for (int i = 0; i < 5000; i++) Round();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) Round();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            msg.Close();
            foreach (Socket sub in subs) sub.Dispose();
        }
    }

    [Fact]
    public void Pub_drops_for_a_full_subscriber_and_never_blocks()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var sub = ctx.Create(SocketType.Sub);
        pub.SetOption(SocketOption.SndHwm, 1);
        sub.SetOption(SocketOption.RcvHwm, 1);
        pub.SetOption(SocketOption.SndTimeo, -1); // a block would hang: RunBounded catches it
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("");
        Sync(pub, "probe", sub);

        TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < 100; i++) pub.SendString($"m{i}");
            Assert.True(pub.GetEvents().HasFlag(PollEvents.PollOut));
        }).WaitBounded("publishing to a full subscriber");

        // Inproc credit is SNDHWM + RCVHWM = 2 messages; the rest were dropped.
        Assert.Equal("m0", sub.RecvString());
        Assert.Equal("m1", sub.RecvString());
        Assert.Null(sub.TryRecvString());

        // The mute state ends once the subscriber catches up.
        pub.SendString("after");
        Assert.Equal("after", sub.RecvString());
    }

    [Fact]
    public void Multipart_message_is_matched_on_its_first_frame_and_delivered_whole()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            Sync(pub, "A-probe", sub);
            pub.SendFrames("A", "b", "c");
            pub.SendFrames("B", "A");
            pub.SendFrames("A2", "", "d");
            Assert.Equal(new[] { "A", "b", "c" }, sub.RecvFrames());
            Assert.Equal(new[] { "A2", "", "d" }, sub.RecvFrames());
            Assert.False(sub.HasMore);
            Assert.Null(sub.TryRecvString());
        }
    }

    [Fact]
    public void Invert_matching_delivers_the_messages_that_do_not_match()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var sub = ctx.Create(SocketType.Sub);
        pub.SetOption(SocketOption.InvertMatching, true);
        sub.SetOption(SocketOption.InvertMatching, true);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("A");
        Sync(pub, "probe", sub);
        pub.SendString("A1");
        pub.SendString("B1");
        pub.SendString("AB");
        pub.SendString("C1");
        Assert.Equal("B1", sub.RecvString());
        Assert.Equal("C1", sub.RecvString());
        Assert.Null(sub.TryRecvString());
    }

    [Fact]
    public void Topics_count_counts_distinct_prefixes()
    {
        using var ctx = new Context();
        using var sub = ctx.Create(SocketType.Sub);
        Assert.Equal(0, sub.GetOptionInt32(SocketOption.TopicsCount));
        sub.Subscribe("A");
        sub.Subscribe("A");
        sub.Subscribe("B");
        Assert.Equal(2, sub.GetOptionInt32(SocketOption.TopicsCount));
        sub.Unsubscribe("A");
        Assert.Equal(2, sub.GetOptionInt32(SocketOption.TopicsCount));
        sub.Unsubscribe("A");
        Assert.Equal(1, sub.GetOptionInt32(SocketOption.TopicsCount));
        sub.Unsubscribe("never");
        Assert.Equal(1, sub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Pub_topics_count_follows_its_subscribers()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            sub.Subscribe("B");
            Sync(pub, "B-probe", sub);
            Assert.Equal(2, pub.GetOptionInt32(SocketOption.TopicsCount));
        }
    }

    [Fact]
    public void Sub_cannot_send_and_pub_cannot_receive()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var sub = ctx.Create(SocketType.Sub);
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => sub.SendString("x")));
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => pub.RecvString()));
        Assert.Equal(PollEvents.PollOut, pub.GetEvents());
        Assert.Equal(PollEvents.None, sub.GetEvents());
    }

    [Fact]
    public void Pub_without_subscribers_drops_without_blocking()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        pub.SetOption(SocketOption.SndTimeo, -1);
        pub.Bind(TestSupport.Inproc());
        TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < 10; i++) Assert.True(pub.TrySend(Encoding.UTF8.GetBytes("x"), SendFlags.DontWait));
        }).WaitBounded("publishing with no subscriber");
    }

    [Fact]
    public void Subscribe_on_pub_is_invalid()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => pub.Subscribe("A")));
    }

    [Fact]
    public void Sub_poll_reports_only_a_matching_message()
    {
        using var ctx = new Context();
        var (pub, sub) = Pair(ctx, "A");
        using (pub)
        using (sub)
        {
            Sync(pub, "A-probe", sub);
            sub.SetOption(SocketOption.InvertMatching, false);
            pub.SendString("B1");
            // The non-matching message is never reported as readable.
            Assert.Equal(PollEvents.None, sub.GetEvents());
            pub.SendFrames("A1", "more");
            Assert.Equal(PollEvents.PollIn, sub.GetEvents());
            Assert.Equal(new[] { "A1", "more" }, sub.RecvFrames());
        }
    }
}
