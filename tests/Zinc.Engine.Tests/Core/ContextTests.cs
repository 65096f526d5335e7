namespace Zinc.Tests.Core;

public sealed class ContextTests
{
    [Fact]
    public void Blocking_receive_in_another_thread_returns_ETERM_on_terminate()
    {
        var ctx = new Context();
        var pull = ctx.CreateSocket(SocketType.Pull);
        ZmqError seen = ZmqError.None;
        var reader = TestSupport.RunBounded(() =>
        {
            seen = TestSupport.ErrorOf(() => pull.ReceiveBytes());
            pull.Dispose();
        });
        // Terminate waits for the reader to close its socket after it saw ETERM.
        var term = TestSupport.RunBounded(ctx.Terminate);
        term.WaitBounded("terminate");
        reader.WaitBounded("reader");
        Assert.Equal(ZmqError.ETERM, seen);
        Assert.True(ctx.IsTerminated);
    }

    [Fact]
    public void Blocking_send_returns_ETERM_on_shutdown()
    {
        using var ctx = new Context();
        using var push = ctx.CreateSocket(SocketType.Push);
        ZmqError seen = ZmqError.None;
        var writer = TestSupport.RunBounded(() => seen = TestSupport.ErrorOf(() => push.SendString("x")));
        ctx.Shutdown();
        writer.WaitBounded("writer");
        Assert.Equal(ZmqError.ETERM, seen);
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => ctx.CreateSocket(SocketType.Pull)));
    }

    [Fact]
    public void Options_are_ETERM_once_the_socket_has_seen_shutdown()
    {
        using var ctx = new Context();
        using var pair = ctx.CreateSocket(SocketType.Pair);
        ctx.Shutdown();
        // As libzmq 4.3.4: options process no commands, so they work until a call that does
        // (here a receive) has seen the stop; then they fail like every call but close.
        Assert.Equal((int)SocketType.Pair, pair.GetOptionInt32(SocketOption.Type));
        pair.SetOption(SocketOption.Linger, 0);
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.ReceiveBytes(ReceiveFlags.DontWait)));
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.GetOptionInt32(SocketOption.Type)));
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.GetOptionInt32(SocketOption.Events)));
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.SetOption(SocketOption.Linger, 0)));
    }

    [Fact]
    public void Reading_EVENTS_learns_of_shutdown()
    {
        using var ctx = new Context();
        using var pair = ctx.CreateSocket(SocketType.Pair);
        ctx.Shutdown();
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.GetOptionInt32(SocketOption.Events)));
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pair.GetOptionInt32(SocketOption.Type)));
    }

    [Fact]
    public void Terminate_with_linger_zero_does_not_hang_on_unread_messages()
    {
        var ctx = new Context();
        var push = ctx.CreateSocket(SocketType.Push);
        var pull = ctx.CreateSocket(SocketType.Pull);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SetOption(SocketOption.Linger, 0);
        for (int i = 0; i < 10; i++) push.SendString("unread");
        push.Dispose();
        pull.Dispose();
        TestSupport.RunBounded(ctx.Terminate).WaitBounded("terminate");
    }

    [Fact]
    public void Max_sockets_is_enforced_with_EMFILE()
    {
        using var ctx = new Context();
        ctx.MaxSockets = 2;
        using var a = ctx.CreateSocket(SocketType.Pair);
        using var b = ctx.CreateSocket(SocketType.Pair);
        Assert.Equal(ZmqError.EMFILE, TestSupport.ErrorOf(() => ctx.CreateSocket(SocketType.Pair)));
    }

    [Fact]
    public void Context_options_validate_and_round_trip()
    {
        using var ctx = new Context();
        Assert.Equal(1, ctx.GetOption(ContextOption.IoThreads));
        Assert.Equal(1023, ctx.GetOption(ContextOption.MaxSockets));
        Assert.Equal(Context.SocketLimit, ctx.GetOption(ContextOption.SocketLimit));
        Assert.Equal(1, ctx.GetOption(ContextOption.Blocky));
        ctx.SetOption(ContextOption.IoThreads, 2);
        Assert.Equal(2, ctx.IoThreads);
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => ctx.SetOption(ContextOption.IoThreads, -1)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => ctx.SetOption(ContextOption.MaxSockets, 0)));
        // Above ZMQ_SOCKET_LIMIT too, as libzmq 4.3.4.
        ctx.SetOption(ContextOption.MaxSockets, 100000);
        Assert.Equal(100000, ctx.GetOption(ContextOption.MaxSockets));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => ctx.SetOption((ContextOption)999, 1)));
    }

    [Fact]
    public void Closed_socket_reports_ENOTSOCK()
    {
        using var ctx = new Context();
        var s = ctx.CreateSocket(SocketType.Pair);
        s.Dispose();
        Assert.Equal(ZmqError.ENOTSOCK, TestSupport.ErrorOf(() => s.SendString("x")));
        Assert.Equal(ZmqError.ENOTSOCK, TestSupport.ErrorOf(() => s.Bind(TestSupport.Inproc())));
    }

    [Fact]
    public void Binding_a_taken_inproc_name_fails_with_EADDRINUSE()
    {
        using var ctx = new Context();
        using var a = ctx.CreateSocket(SocketType.Pull);
        using var b = ctx.CreateSocket(SocketType.Pull);
        string ep = TestSupport.Inproc();
        a.Bind(ep);
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(() => b.Bind(ep)));
        a.Unbind(ep);
        b.Bind(ep);
    }

    [Fact]
    public void Malformed_and_unknown_endpoints_are_rejected()
    {
        using var ctx = new Context();
        using var s = ctx.CreateSocket(SocketType.Pull);
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => s.Bind("nonsense")));
        Assert.Equal(ZmqError.EPROTONOSUPPORT, TestSupport.ErrorOf(() => s.Bind("carrier-pigeon://x")));
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => s.Unbind(TestSupport.Inproc())));
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => s.Disconnect(TestSupport.Inproc())));
    }

    [Fact]
    public void Disconnect_drops_the_link_to_that_endpoint()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push, timeoutMs: 50);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SendString("before");
        Assert.Equal("before", pull.RecvString());
        push.Disconnect(ep);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => push.SendString("after")));
    }

    [Fact]
    public void Last_endpoint_reports_the_endpoint()
    {
        using var ctx = new Context();
        using var s = ctx.CreateSocket(SocketType.Pull);
        string ep = TestSupport.Inproc();
        s.Bind(ep);
        Assert.Equal(ep, s.GetOptionString(SocketOption.LastEndpoint));
        Assert.Equal((int)SocketType.Pull, s.GetOptionInt32(SocketOption.Type));
    }

    [Fact]
    public void Immediate_does_not_apply_to_inproc_connect_before_bind()
    {
        // As libzmq 4.3.4 (checked with python3-zmq): the link exists from the connect on.
        using var ctx = new Context();
        using var push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.Immediate, 1);
        string ep = TestSupport.Inproc();
        push.Connect(ep);
        Assert.True(push.TrySend("early"u8, SendFlags.DontWait));
        using var pull = ctx.Create(SocketType.Pull);
        pull.Bind(ep);
        Assert.Equal("early", pull.RecvString());
    }

    [Fact]
    public void Events_reports_pollin_and_pollout()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc();
        a.Bind(ep);
        Assert.Equal(PollEvents.None, a.GetEvents());
        b.Connect(ep);
        Assert.Equal(PollEvents.PollOut, b.GetEvents());
        b.SendString("x");
        Assert.Equal(PollEvents.PollIn | PollEvents.PollOut, a.GetEvents());
        Assert.Equal((int)(PollEvents.PollIn | PollEvents.PollOut), a.GetOptionInt32(SocketOption.Events));
    }

    [Fact]
    public void A_message_already_started_is_finished_even_when_its_sender_closes_with_linger_zero()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull, timeoutMs: 200);
        var first = ctx.Create(SocketType.Push);
        using var second = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        first.Connect(ep);
        second.Connect(ep);
        first.SetOption(SocketOption.Linger, 0);
        first.SendFrames("A1", "A2", "A3");
        second.SendString("B1");
        Assert.Equal("A1", pull.RecvString());
        Assert.True(pull.HasMore);
        first.Dispose();
        Assert.Equal("A2", pull.RecvString());
        Assert.Equal("A3", pull.RecvString());
        Assert.False(pull.HasMore);
        Assert.Equal("B1", pull.RecvString());
    }

    [Fact]
    public void Connects_racing_a_closing_binder_leave_no_orphaned_link()
    {
        using var ctx = new Context();
        for (int round = 0; round < 500; round++)
        {
            string ep = TestSupport.Inproc();
            var pull = ctx.CreateSocket(SocketType.Pull);
            pull.Bind(ep);
            using var push = ctx.Create(SocketType.Push, timeoutMs: 0);
            var closer = TestSupport.RunBounded(pull.Dispose);
            push.Connect(ep);
            closer.WaitBounded("close");
            // Whatever the interleaving, the pusher either lost the link (the closed binder's end
            // was closed and it was told) or still waits for a bind (connect-before-bind). A link
            // still writable must lead to whoever binds the name next; an orphan would swallow it.
            using var next = ctx.Create(SocketType.Pull, timeoutMs: TestSupport.TimeoutMs);
            next.Bind(ep);
            if (push.GetEvents().HasFlag(PollEvents.PollOut) && push.TrySend("x"u8, SendFlags.DontWait))
                Assert.Equal("x", next.RecvString());
        }
    }

    [Fact]
    public void Int_setter_widens_for_64_bit_options_and_wrong_sizes_fail_with_EINVAL()
    {
        using var ctx = new Context();
        using var s = ctx.CreateSocket(SocketType.Pull);
        s.SetOption(SocketOption.MaxMsgSize, 1000);
        Assert.Equal(1000, s.GetOptionInt64(SocketOption.MaxMsgSize));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => s.SetOption(SocketOption.SndHwm, new byte[3])));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => s.SetOption((SocketOption)9999, 1)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => s.SetOption(SocketOption.Linger, -2)));
    }

    [Theory]
    [InlineData(SocketType.Dealer, SocketOption.RouterMandatory, false)]
    [InlineData(SocketType.Rep, SocketOption.RouterMandatory, true)]
    [InlineData(SocketType.Pub, SocketOption.Subscribe, false)]
    [InlineData(SocketType.XSub, SocketOption.Subscribe, false)]
    [InlineData(SocketType.Sub, SocketOption.Subscribe, true)]
    [InlineData(SocketType.Req, SocketOption.ProbeRouter, true)]
    [InlineData(SocketType.Push, SocketOption.ProbeRouter, false)]
    [InlineData(SocketType.Pub, SocketOption.XpubVerbose, true)]
    [InlineData(SocketType.Sub, SocketOption.XpubVerbose, false)]
    [InlineData(SocketType.Dealer, SocketOption.ReqRelaxed, false)]
    [InlineData(SocketType.Pull, SocketOption.Conflate, true)]
    public void Type_specific_options_are_refused_by_other_types_as_libzmq_does(SocketType type, SocketOption option, bool accepted)
    {
        using var ctx = new Context();
        using var s = ctx.CreateSocket(type);
        ZmqError error = option == SocketOption.Subscribe
            ? TestSupport.ErrorOf(() => s.Subscribe("a"))
            : TestSupport.ErrorOf(() => s.SetOption(option, 1));
        Assert.Equal(accepted ? ZmqError.None : ZmqError.EINVAL, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Inproc_peer_reads_what_was_queued_before_close_whatever_the_linger(int linger)
    {
        // libzmq 4.3.4 does the same (checked with python3-zmq): the frames are already in the
        // pipe; LINGER bounds how long a network session keeps sending.
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull, timeoutMs: 100);
        var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SetOption(SocketOption.Linger, linger);
        for (int i = 0; i < 5; i++) push.SendString($"kept{i}");
        push.Dispose();
        for (int i = 0; i < 5; i++) Assert.Equal($"kept{i}", pull.RecvString());
        Assert.Null(pull.TryRecvString());
    }

    [Fact]
    public void Pipe_closed_with_linger_zero_drops_unread_frames_for_its_peer()
    {
        // The mechanism network sessions use: LINGER 0 discards, a finite LINGER sets a deadline.
        var (a, b) = Zinc.Pipes.Pipe.CreatePair(0, 0);
        Msg msg = Msg.Copy("x"u8);
        Assert.True(a.TryWrite(ref msg));
        a.Close(lingerMs: 0);
        Assert.False(b.CanRead);
        Assert.False(b.TryRead(out _));
        b.Close(discard: true);
    }

    [Fact]
    public void Pipe_finishes_a_started_message_even_after_its_writer_closed_with_linger_zero()
    {
        var (a, b) = Zinc.Pipes.Pipe.CreatePair(0, 0);
        Msg first = Msg.Copy("A1"u8);
        first.HasMore = true;
        Msg second = Msg.Copy("A2"u8);
        Assert.True(a.TryWrite(ref first));
        Assert.True(a.TryWrite(ref second, continuation: true));
        a.Flush();
        Assert.True(b.TryRead(out Msg read1));
        Assert.True(read1.HasMore);
        a.Close(lingerMs: 0);
        Assert.True(b.TryRead(out Msg read2));
        Assert.Equal("A2"u8.ToArray(), read2.ToArray());
        Assert.False(b.TryRead(out _));
        b.Close(discard: true);
    }
}
