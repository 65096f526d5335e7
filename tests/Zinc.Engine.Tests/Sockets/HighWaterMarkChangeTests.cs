using Zinc.Tests.Transports;

namespace Zinc.Tests.Sockets;

/// <summary>
/// ZMQ_SNDHWM and ZMQ_RCVHWM set after a link is made apply to it (zmq_setsockopt(3) lists them
/// among the options that take effect at once); figures as libzmq 4.3.4 gives them (python3-zmq).
/// </summary>
public sealed class HighWaterMarkChangeTests
{
    private static int FillWithoutWaiting(Socket push)
    {
        int sent = 0;
        while (push.TrySend("x"u8, SendFlags.DontWait)) sent++;
        return sent;
    }

    private static (Socket Pull, Socket Push) ConnectedInproc(Context ctx)
    {
        Socket pull = ctx.Create(SocketType.Pull), push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        Assert.False(pull.TryReceiveBytes(out _, ReceiveFlags.DontWait)); // the binder adopts the link now
        return (pull, push);
    }

    [Fact]
    public void A_lower_send_mark_after_connect_limits_the_existing_link()
    {
        using var ctx = new Context();
        var (pull, push) = ConnectedInproc(ctx);
        using (pull)
        using (push)
        {
            push.SetOption(SocketOption.SndHwm, 2);
            Assert.Equal(2 + 1000, FillWithoutWaiting(push)); // libzmq: 1002
        }
    }

    [Fact]
    public void A_higher_send_mark_releases_a_full_link()
    {
        using var ctx = new Context();
        var (pull, push) = ConnectedInproc(ctx);
        using (pull)
        using (push)
        {
            push.SetOption(SocketOption.SndHwm, 10);
            pull.SetOption(SocketOption.RcvHwm, 10);
            Assert.Equal(20, FillWithoutWaiting(push));
            push.SetOption(SocketOption.SndHwm, 30);
            Assert.Equal(20, FillWithoutWaiting(push));
        }
    }

    [Fact]
    public void A_higher_receive_mark_wakes_a_blocked_sender()
    {
        using var ctx = new Context();
        var (pull, push) = ConnectedInproc(ctx);
        using (pull)
        using (push)
        {
            push.SetOption(SocketOption.SndHwm, 2);
            pull.SetOption(SocketOption.RcvHwm, 2);
            Assert.Equal(4, FillWithoutWaiting(push));
            Task sender = TestSupport.RunBounded(() => push.SendString("blocked"));
            pull.SetOption(SocketOption.RcvHwm, 5);
            sender.WaitBounded("sender blocked at the old mark");
            Assert.Equal(2, FillWithoutWaiting(push)); // 2 + 5 in all
        }
    }

    [Fact]
    public void A_connect_before_bind_queues_the_send_mark_then_the_binder_adds_its_own()
    {
        using var ctx = new Context();
        using var push = ctx.Create(SocketType.Push);
        using var pull = ctx.Create(SocketType.Pull);
        string ep = TestSupport.Inproc();
        push.SetOption(SocketOption.SndHwm, 3);
        pull.SetOption(SocketOption.RcvHwm, 7);
        push.Connect(ep);
        Assert.Equal(3, FillWithoutWaiting(push)); // libzmq: 3
        pull.Bind(ep);
        Assert.Equal(7, FillWithoutWaiting(push));
        for (int i = 0; i < 10; i++) Assert.Equal("x", pull.RecvString());
    }

    [Fact]
    public void A_mark_set_on_an_unlimited_link_counts_what_was_already_read()
    {
        using var ctx = new Context();
        var (pull, push) = ConnectedInproc(ctx);
        using (pull)
        using (push)
        {
            push.SetOption(SocketOption.SndHwm, 0);
            for (int i = 0; i < 50; i++) Assert.True(push.TrySend("x"u8, SendFlags.DontWait));
            for (int i = 0; i < 50; i++) Assert.Equal("x", pull.RecvString());
            push.SetOption(SocketOption.SndHwm, 10);
            int sent = FillWithoutWaiting(push); // at most 10 + 1000: the writer may not know of the 50 reads yet
            Assert.InRange(sent, 1000 - 40, 10 + 1000);
            for (int i = 0; i < sent; i++) Assert.Equal("x", pull.RecvString());
            pull.SetOption(SocketOption.RcvTimeo, 20);
            Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => pull.RecvString())); // parks: reports every read
            Assert.Equal(10 + 1000, FillWithoutWaiting(push));
        }
    }

    // Review finding: a reader that drains with DONTWAIT never parks, so before the fix it never
    // reported the reads it made while the link was unlimited and the writer stayed starved.
    [Fact]
    public void A_mark_set_after_reads_no_one_reported_reaches_a_reader_that_never_parks()
    {
        using var ctx = new Context();
        var (pull, push) = ConnectedInproc(ctx);
        using (pull)
        using (push)
        {
            push.SetOption(SocketOption.SndHwm, 0);
            for (int i = 0; i < 5000; i++) Assert.True(push.TrySend("x"u8, SendFlags.DontWait));
            for (int i = 0; i < 5000; i++) Assert.True(pull.TryReceiveBytes(out _, ReceiveFlags.DontWait));
            push.SetOption(SocketOption.SndHwm, 10);
            Assert.False(pull.TryReceiveBytes(out _, ReceiveFlags.DontWait)); // finds the ring empty: reports
            Assert.Equal(10 + 1000, FillWithoutWaiting(push));
        }
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    public void A_network_link_takes_the_new_marks(string transport)
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        pull.Bind(transport == "tcp" ? "tcp://127.0.0.1:*" : "ipc://" + StreamTestSupport.IpcPath());
        push.Connect(pull.LastEndpoint!);
        push.SendString("hello");
        Assert.Equal("hello", pull.RecvString()); // both links are attached now
        push.SetOption(SocketOption.SndHwm, 3);
        pull.SetOption(SocketOption.RcvHwm, 4);
        Assert.Equal(3, Assert.Single(push.Pipes).Out.HighWaterMark);
        Assert.Equal(4, Assert.Single(pull.Pipes).In.HighWaterMark);
    }
}
