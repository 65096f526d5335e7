using System.Text;

namespace Zinc.Tests.Sockets;

public sealed class XPubXSubTests
{
    // Subscription messages written as "+topic" (1 then the topic) or "-topic" (0 then the topic).
    private static byte[] Wire(string readable)
    {
        byte[] topic = Encoding.UTF8.GetBytes(readable.Substring(1));
        var bytes = new byte[topic.Length + 1];
        bytes[0] = readable[0] switch { '+' => 1, '-' => 0, _ => throw new ArgumentException(readable) };
        topic.CopyTo(bytes, 1);
        return bytes;
    }

    private static string Readable(byte[] bytes) =>
        bytes.Length > 0 && bytes[0] <= 1
            ? (bytes[0] == 1 ? "+" : "-") + Encoding.UTF8.GetString(bytes, 1, bytes.Length - 1)
            : Encoding.UTF8.GetString(bytes);

    private static string Recv(Socket socket) => Readable(socket.ReceiveBytes());

    private static string? TryRecv(Socket socket) =>
        socket.TryReceiveBytes(out byte[] data, ReceiveFlags.DontWait) ? Readable(data) : null;

    private static void SendWire(Socket socket, string readable, bool more = false) =>
        socket.Send(Wire(readable), more ? SendFlags.SendMore : SendFlags.None);

    private static Socket[] Subscribers(Context ctx, string ep, int count, SocketType type = SocketType.Sub)
    {
        var subs = new Socket[count];
        for (int i = 0; i < count; i++)
        {
            subs[i] = ctx.Create(type);
            subs[i].Connect(ep);
        }
        return subs;
    }

    private static void DisposeAll(Socket[] sockets)
    {
        foreach (Socket socket in sockets) socket.Dispose();
    }

    // Default: a prefix's first subscribe and last unsubscribe. VERBOSE: every subscribe.
    // VERBOSER: every subscribe and every unsubscribe.
    [Theory]
    [InlineData(null)]
    [InlineData(SocketOption.XpubVerbose)]
    [InlineData(SocketOption.XpubVerboser)]
    public void Xpub_reports_subscriptions_according_to_its_verbosity(SocketOption? verbosity)
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        if (verbosity is { } option) xpub.SetOption(option, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        Socket[] subs = Subscribers(ctx, ep, 2);
        try
        {
            subs[0].Subscribe("A");
            subs[1].Subscribe("A");
            subs[1].Subscribe("Z");
            var got = new List<string> { Recv(xpub), Recv(xpub) };
            if (verbosity is not null) got.Add(Recv(xpub));
            var expected = verbosity is null ? new[] { "+A", "+Z" } : new[] { "+A", "+A", "+Z" };
            Assert.Equal(expected, got.OrderBy(s => s, StringComparer.Ordinal));
            Assert.Null(TryRecv(xpub));

            subs[0].Unsubscribe("A");
            subs[0].Subscribe("Y"); // a fence: reported after the unsubscribe was processed
            if (verbosity == SocketOption.XpubVerboser) Assert.Equal("-A", Recv(xpub));
            Assert.Equal("+Y", Recv(xpub));
            subs[1].Unsubscribe("A");
            Assert.Equal("-A", Recv(xpub));
            Assert.Null(TryRecv(xpub));
        }
        finally
        {
            DisposeAll(subs);
        }
    }

    [Fact]
    public void Xpub_reports_the_prefixes_a_leaving_subscriber_took_with_it()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var stays = ctx.Create(SocketType.Sub);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        stays.Connect(ep);
        stays.Subscribe("shared");
        Assert.Equal("+shared", Recv(xpub));

        var leaves = ctx.Create(SocketType.Sub);
        leaves.Connect(ep);
        leaves.Subscribe("shared");
        leaves.Subscribe("own");
        Assert.Equal("+own", Recv(xpub));
        leaves.Dispose();
        // "shared" still has a subscriber: only "own" is reported gone.
        Assert.Equal("-own", Recv(xpub));
        Assert.Null(TryRecv(xpub));
        Assert.Equal(1, xpub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Xpub_manual_lets_the_application_choose_the_subscription()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        xpub.SetOption(SocketOption.XpubManual, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);

        SendWire(xsub, "+A");
        Assert.Equal("+A", Recv(xpub));
        Assert.Equal(0, xpub.GetOptionInt32(SocketOption.TopicsCount)); // nothing applied by itself
        xpub.Subscribe("B"); // applies to the pipe the "+A" came from

        xpub.SendString("A1");
        xpub.SendString("B1");
        Assert.Equal("B1", xsub.RecvString());
        Assert.Null(xsub.TryRecvString());

        // In manual mode duplicates are reported too.
        SendWire(xsub, "+A");
        Assert.Equal("+A", Recv(xpub));
        xpub.Unsubscribe("B");
        xpub.SendString("B2");
        Assert.Null(xsub.TryRecvString());
    }

    [Fact]
    public void Subscribe_on_xpub_without_manual_mode_is_invalid()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => xpub.Subscribe("A")));
    }

    [Fact]
    public void Xpub_manual_last_value_sends_the_next_message_to_the_new_subscriber_only()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        xpub.SetOption(SocketOption.XpubManualLastValue, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        using var first = ctx.Create(SocketType.XSub);
        first.Connect(ep);
        SendWire(first, "+A");
        Assert.Equal("+A", Recv(xpub));
        xpub.Subscribe("A");
        xpub.SendString("A-last");
        Assert.Equal("A-last", first.RecvString());

        using var second = ctx.Create(SocketType.XSub);
        second.Connect(ep);
        SendWire(second, "+A");
        Assert.Equal("+A", Recv(xpub));
        xpub.Subscribe("A");
        xpub.SendString("A-cached");
        Assert.Equal("A-cached", second.RecvString());
        Assert.Null(first.TryRecvString());

        xpub.SendString("A-next");
        Assert.Equal("A-next", first.RecvString());
        Assert.Equal("A-next", second.RecvString());
    }

    [Fact]
    public void Xpub_welcome_message_goes_to_each_new_subscriber()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        xpub.SetOption(SocketOption.XpubWelcomeMsg, "W");
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        Socket[] subs = Subscribers(ctx, ep, 2);
        try
        {
            foreach (Socket sub in subs) sub.Subscribe("W");
            Assert.Equal("+W", Recv(xpub)); // also makes the XPUB attach both pipes
            foreach (Socket sub in subs) Assert.Equal("W", sub.RecvString());
        }
        finally
        {
            DisposeAll(subs);
        }
    }

    [Fact]
    public void Xpub_nodrop_refuses_with_eagain_when_a_subscriber_is_full()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var sub = ctx.Create(SocketType.Sub);
        xpub.SetOption(SocketOption.XpubNodrop, true);
        xpub.SetOption(SocketOption.SndHwm, 1);
        sub.SetOption(SocketOption.RcvHwm, 1);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("");
        Assert.Equal("+", Recv(xpub));

        // Inproc credit is SNDHWM + RCVHWM = 2 messages.
        Assert.True(xpub.TrySend(Encoding.UTF8.GetBytes("m0"), SendFlags.DontWait));
        Assert.True(xpub.TrySend(Encoding.UTF8.GetBytes("m1"), SendFlags.DontWait));
        Assert.False(xpub.TrySend(Encoding.UTF8.GetBytes("m2"), SendFlags.DontWait));
        Assert.False(xpub.GetEvents().HasFlag(PollEvents.PollOut));

        // A blocking send waits for room, then gives EAGAIN when SNDTIMEO passes.
        xpub.SetOption(SocketOption.SndTimeo, 50);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => xpub.SendString("m2")));

        Assert.Equal("m0", sub.RecvString());
        Assert.True(xpub.GetEvents().HasFlag(PollEvents.PollOut));
        Assert.True(xpub.TrySend(Encoding.UTF8.GetBytes("m2"), SendFlags.DontWait));
        Assert.Equal("m1", sub.RecvString());
        Assert.Equal("m2", sub.RecvString());
    }

    [Fact]
    public void Xpub_nodrop_blocked_send_resumes_when_the_subscriber_reads()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var sub = ctx.Create(SocketType.Sub);
        xpub.SetOption(SocketOption.XpubNodrop, true);
        xpub.SetOption(SocketOption.SndHwm, 1);
        sub.SetOption(SocketOption.RcvHwm, 1);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("");
        Assert.Equal("+", Recv(xpub));

        const int count = 200;
        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < count; i++) xpub.SendString($"m{i}");
        });
        for (int i = 0; i < count; i++) Assert.Equal($"m{i}", sub.RecvString());
        sender.WaitBounded("blocked XPUB_NODROP sends");
    }

    [Fact]
    public void Xpub_topics_count_and_invert_matching()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        xpub.SetOption(SocketOption.InvertMatching, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);
        SendWire(xsub, "+A");
        SendWire(xsub, "+B");
        Assert.Equal("+A", Recv(xpub));
        Assert.Equal("+B", Recv(xpub));
        Assert.Equal(2, xpub.GetOptionInt32(SocketOption.TopicsCount));
        xpub.SendString("A1");
        xpub.SendString("C1");
        Assert.Equal("C1", xsub.RecvString());
        Assert.Null(xsub.TryRecvString());
    }

    [Fact]
    public void Xsub_subscribes_by_message_and_pub_honours_it()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var xsub = ctx.Create(SocketType.XSub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        xsub.Connect(ep);
        SendWire(xsub, "+A");
        Assert.Equal(1, xsub.GetOptionInt32(SocketOption.TopicsCount));
        PubSubTests.Sync(pub, "A-probe", xsub);
        pub.SendString("B1");
        pub.SendString("A1");
        Assert.Equal("A1", xsub.RecvString());
        Assert.Null(xsub.TryRecvString());

        SendWire(xsub, "-A");
        SendWire(xsub, "+Y");
        PubSubTests.Sync(pub, "Y-probe", xsub);
        pub.SendString("A2");
        Assert.Null(xsub.TryRecvString());
        Assert.Equal(1, xsub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Xsub_forwards_other_messages_upstream()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);
        xsub.SendFrames("hello", "world");
        xsub.Send(Array.Empty<byte>());
        Assert.Equal(new[] { "hello", "world" }, xpub.RecvFrames());
        Assert.Equal("", xpub.RecvString());
        Assert.False(xpub.HasMore);
        Assert.Equal(0, xpub.GetOptionInt32(SocketOption.TopicsCount));
    }

    // XSUB forwards every subscribe (the XPUB side deduplicates) but an unsubscribe only when
    // its count drops to zero, unless XSUB_VERBOSE_UNSUBSCRIBE. The XPUB here reports all.
    [Theory]
    [InlineData(false, new[] { "+A", "+A", "-A", "+Z" })]
    [InlineData(true, new[] { "+A", "+A", "-A", "-A", "+Z" })]
    public void Xsub_forwards_every_subscribe_and_the_last_unsubscribe(bool verboseUnsubscribe, string[] expected)
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        xpub.SetOption(SocketOption.XpubVerboser, true);
        xsub.SetOption(SocketOption.XsubVerboseUnsubscribe, verboseUnsubscribe);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);
        foreach (string wire in new[] { "+A", "+A", "-A", "-A", "+Z" }) SendWire(xsub, wire);
        Assert.Equal(expected, expected.Select(_ => Recv(xpub)).ToArray());
        Assert.Null(TryRecv(xpub));
        Assert.Equal(1, xsub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Only_first_subscribe_treats_frames_after_a_data_frame_as_data()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        xpub.SetOption(SocketOption.OnlyFirstSubscribe, true);
        xsub.SetOption(SocketOption.OnlyFirstSubscribe, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);

        // A data first frame: nothing after it is a subscription.
        xsub.SendString("data", more: true);
        SendWire(xsub, "+C", more: true);
        SendWire(xsub, "-D");
        Assert.Equal(0, xsub.GetOptionInt32(SocketOption.TopicsCount));
        Assert.Equal(new[] { "data", "+C", "-D" }, xpub.RecvFrames().Select(f => Readable(Encoding.UTF8.GetBytes(f))));
        Assert.Equal(0, xpub.GetOptionInt32(SocketOption.TopicsCount));

        // As in libzmq, a subscription first frame keeps the following frames subscriptions.
        SendWire(xsub, "+A", more: true);
        SendWire(xsub, "+B");
        Assert.Equal(2, xsub.GetOptionInt32(SocketOption.TopicsCount));
        Assert.Equal("+A", Recv(xpub));
        Assert.False(xpub.HasMore);
        Assert.Equal("+B", Recv(xpub));
        Assert.Equal(2, xpub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Without_only_first_subscribe_every_frame_may_be_a_subscription()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);
        xsub.SendString("data", more: true);
        SendWire(xsub, "+C");
        Assert.Equal(1, xsub.GetOptionInt32(SocketOption.TopicsCount));
        Assert.Equal("data", Recv(xpub));
        Assert.True(xpub.HasMore); // the data frame keeps its MORE flag...
        Assert.Equal("+C", Recv(xpub)); // ...and the subscription arrives as a frame of its own
        Assert.False(xpub.HasMore);
        Assert.Equal(1, xpub.GetOptionInt32(SocketOption.TopicsCount));
    }

    [Fact]
    public void Xsub_receives_without_filtering_like_libzmq()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        using var xsub = ctx.Create(SocketType.XSub);
        xpub.SetOption(SocketOption.XpubManual, true);
        string ep = TestSupport.Inproc();
        xpub.Bind(ep);
        xsub.Connect(ep);
        SendWire(xsub, "+A");
        Assert.Equal("+A", Recv(xpub));
        xpub.Subscribe(""); // the XPUB decides to send everything
        xpub.SendString("B1");
        Assert.Equal("B1", xsub.RecvString());
    }

    [Fact]
    public void Xsub_xpub_proxy_forwards_subscriptions_and_messages()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        using var frontend = ctx.Create(SocketType.XSub);
        using var backend = ctx.Create(SocketType.XPub);
        using var sub = ctx.Create(SocketType.Sub);
        string upstream = TestSupport.Inproc("up");
        string downstream = TestSupport.Inproc("down");
        pub.Bind(upstream);
        frontend.Connect(upstream);
        backend.Bind(downstream);
        sub.Connect(downstream);
        sub.Subscribe("A");

        // One turn of a proxy: subscriptions go up, messages come down, frame by frame.
        void Pump()
        {
            var msg = new Msg();
            while (backend.TryReceive(ref msg, ReceiveFlags.DontWait))
                frontend.Send(ref msg, backend.HasMore ? SendFlags.SendMore : SendFlags.None);
            while (frontend.TryReceive(ref msg, ReceiveFlags.DontWait))
                backend.Send(ref msg, frontend.HasMore ? SendFlags.SendMore : SendFlags.None);
            msg.Close();
        }

        long deadline = Environment.TickCount64 + TestSupport.TimeoutMs;
        string? got = null;
        while (got is null)
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("nothing came through the proxy");
            pub.SendString("A-probe");
            Pump();
            got = sub.TryRecvString();
            Thread.Yield();
        }
        Assert.Equal("A-probe", got);
        while (sub.TryRecvString() is { } extra) Assert.Equal("A-probe", extra);

        pub.SendFrames("A1", "body");
        pub.SendString("B1");
        pub.SendString("A2");
        Pump();
        Assert.Equal(new[] { "A1", "body" }, sub.RecvFrames());
        Assert.Equal("A2", sub.RecvString());
        Assert.Null(sub.TryRecvString());
    }

    [Fact]
    public void Xpub_receives_nothing_when_no_subscription_is_pending()
    {
        using var ctx = new Context();
        using var xpub = ctx.Create(SocketType.XPub);
        xpub.Bind(TestSupport.Inproc());
        Assert.Equal(PollEvents.PollOut, xpub.GetEvents());
        Assert.Null(TryRecv(xpub));
    }
}
