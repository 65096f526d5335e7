namespace Zinc.Tests.Sockets;

public sealed class PushPullTests
{
    [Fact]
    public void Push_to_pull_delivers_in_order()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        for (int i = 0; i < 100; i++) push.SendString($"m{i}");
        for (int i = 0; i < 100; i++) Assert.Equal($"m{i}", pull.RecvString());
    }

    [Fact]
    public void Connect_before_bind_queues_messages()
    {
        using var ctx = new Context();
        using var push = ctx.Create(SocketType.Push);
        using var pull = ctx.Create(SocketType.Pull);
        string ep = TestSupport.Inproc();
        push.Connect(ep);
        push.SendString("early");
        pull.Bind(ep);
        Assert.Equal("early", pull.RecvString());
    }

    [Fact]
    public void Push_round_robins_across_pullers()
    {
        using var ctx = new Context();
        using var push = ctx.Create(SocketType.Push);
        using var a = ctx.Create(SocketType.Pull);
        using var b = ctx.Create(SocketType.Pull);
        string ep = TestSupport.Inproc();
        push.Bind(ep);
        a.Connect(ep);
        b.Connect(ep);
        for (int i = 0; i < 4; i++) push.SendString($"{i}");
        var got = new[] { a.RecvString(), a.RecvString(), b.RecvString(), b.RecvString() };
        Assert.Equal(new[] { "0", "1", "2", "3" }, got.OrderBy(x => x));
        Assert.Null(a.TryRecvString());
        Assert.Null(b.TryRecvString());
    }

    [Fact]
    public void Pull_fair_queues_between_pushers()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var a = ctx.Create(SocketType.Push);
        using var b = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        a.Connect(ep);
        b.Connect(ep);
        for (int i = 0; i < 3; i++) a.SendString("a");
        for (int i = 0; i < 3; i++) b.SendString("b");
        var got = Enumerable.Range(0, 6).Select(_ => pull.RecvString()).ToArray();
        Assert.Equal(new[] { "a", "b", "a", "b", "a", "b" }, got);
    }

    [Fact]
    public void Multipart_message_arrives_whole()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SendFrames("a", "", "c");
        Assert.Equal(new[] { "a", "", "c" }, pull.RecvFrames());
        Assert.False(pull.HasMore);
    }

    [Fact]
    public void Push_cannot_receive_and_pull_cannot_send()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => push.ReceiveBytes()));
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => pull.SendString("x")));
    }

    [Fact]
    public void Push_without_peers_blocks_until_timeout_with_EAGAIN()
    {
        using var ctx = new Context();
        using var push = ctx.Create(SocketType.Push, timeoutMs: 50);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => push.SendString("x")));
        Assert.False(push.TrySend("x"u8, SendFlags.DontWait));
    }

    [Fact]
    public void Push_blocks_at_the_high_water_mark()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.SndHwm, 5);
        pull.SetOption(SocketOption.RcvHwm, 5);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        int sent = 0;
        while (push.TrySend("x"u8, SendFlags.DontWait)) sent++;
        Assert.Equal(10, sent);
        Assert.Equal("x", pull.RecvString());
        // A blocked sender is released when the reader frees credit.
        var sender = TestSupport.RunBounded(() => { for (int i = 0; i < 20; i++) push.SendString("y"); });
        for (int i = 0; i < 9 + 20; i++) pull.RecvString();
        sender.WaitBounded("blocked sender");
    }

    [Fact]
    public void Hwm_zero_means_unlimited()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.SndHwm, 0);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        for (int i = 0; i < 50_000; i++) Assert.True(push.TrySend("x"u8, SendFlags.DontWait));
    }

    [Fact]
    public void Streams_many_messages_between_threads()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        const int n = 100_000;
        var sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < n; i++) push.Send(BitConverter.GetBytes(i));
        });
        for (int i = 0; i < n; i++) Assert.Equal(i, BitConverter.ToInt32(pull.ReceiveBytes()));
        sender.WaitBounded("sender");
    }

    [Fact]
    public void Large_messages_cross_intact()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        byte[] big = Enumerable.Range(0, 4 << 20).Select(i => (byte)(i * 31)).ToArray();
        push.Send(big);
        Assert.Equal(big, pull.ReceiveBytes());
    }

    [Fact]
    public void Receive_into_a_small_buffer_truncates_and_reports_the_full_size()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SendString("hello world");
        Span<byte> buffer = stackalloc byte[5];
        Assert.Equal(11, pull.Receive(buffer));
        Assert.Equal("hello"u8.ToArray(), buffer.ToArray());
    }
}
