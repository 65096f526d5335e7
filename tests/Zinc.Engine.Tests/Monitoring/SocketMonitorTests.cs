namespace Zinc.Tests.Monitoring;

/// <summary>zmq_socket_monitor's lifecycle: masks, stopping, replacing, errors (as libzmq 4.3.4 behaves).</summary>
public sealed class SocketMonitorTests
{
    private static readonly MonitorEvent Stopped = new(SocketEvents.MonitorStopped, 0, "");

    [Fact]
    public void Only_events_in_the_mask_are_sent()
    {
        using var f = new MonitorFixture(SocketEvents.Connected | SocketEvents.Closed);
        f.Socket.EmitEvent(SocketEvents.Listening, 1, "a");
        f.Socket.EmitEvent(SocketEvents.Connected, 2, "b");
        f.Socket.EmitEvent(SocketEvents.Accepted, 3, "c");
        f.Socket.EmitEvent(SocketEvents.Closed, 4, "d");
        f.Socket.Monitor(null); // MonitorStopped is not in the mask either

        Assert.Equal(new MonitorEvent(SocketEvents.Connected, 2, "b"), MonitorEvent.Receive(f.Reader));
        Assert.Equal(new MonitorEvent(SocketEvents.Closed, 4, "d"), MonitorEvent.Receive(f.Reader));
        Assert.False(f.TryReadNow(out _));
    }

    [Fact]
    public void Monitor_null_sends_MonitorStopped_after_the_queued_events()
    {
        using var f = new MonitorFixture();
        f.Socket.EmitEvent(SocketEvents.Listening, 1, "tcp://a:1");
        f.Socket.Monitor(null);
        f.Socket.EmitEvent(SocketEvents.Listening, 2, "tcp://a:1"); // no monitor now: ignored

        Assert.Equal(new MonitorEvent(SocketEvents.Listening, 1, "tcp://a:1"), MonitorEvent.Receive(f.Reader));
        Assert.Equal(Stopped, MonitorEvent.Receive(f.Reader));
        Assert.False(f.TryReadNow(out _));
    }

    [Fact]
    public void Monitor_null_without_a_monitor_does_nothing()
    {
        using var ctx = new Context();
        using var socket = ctx.Create(SocketType.Pair);
        socket.Monitor(null);
        socket.EmitEvent(SocketEvents.Connected, 1, "x");
    }

    [Fact]
    public void Closing_the_socket_stops_its_monitor_and_frees_the_endpoint()
    {
        using var f = new MonitorFixture();
        f.Socket.EmitEvent(SocketEvents.Closed, 12, "tcp://a:1");
        f.Socket.Close();

        Assert.Equal(new MonitorEvent(SocketEvents.Closed, 12, "tcp://a:1"), MonitorEvent.Receive(f.Reader));
        Assert.Equal(Stopped, MonitorEvent.Receive(f.Reader));
        using var other = f.Context.Create(SocketType.Pair);
        other.Monitor(f.Endpoint); // the monitor's PAIR unbound when it closed
    }

    [Fact]
    public void A_second_monitor_replaces_the_first()
    {
        using var f = new MonitorFixture();
        string second = TestSupport.Inproc("monitor2");
        f.Socket.Monitor(second, SocketEvents.Accepted);
        using var reader2 = f.Context.Create(SocketType.Pair);
        reader2.Connect(second);
        f.Socket.EmitEvent(SocketEvents.Accepted, 3, "tcp://b:2");

        Assert.Equal(Stopped, MonitorEvent.Receive(f.Reader));
        Assert.False(f.TryReadNow(out _));
        Assert.Equal(new MonitorEvent(SocketEvents.Accepted, 3, "tcp://b:2"), MonitorEvent.Receive(reader2));
    }

    [Fact]
    public void A_monitor_can_be_restarted_on_the_same_endpoint()
    {
        using var f = new MonitorFixture();
        f.Socket.Monitor(f.Endpoint); // the old PAIR is closed (unbound) before the new one binds
        Assert.Equal(Stopped, MonitorEvent.Receive(f.Reader));
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:5999")]
    [InlineData("ipc:///tmp/zinc-monitor")]
    public void Non_inproc_endpoint_is_EPROTONOSUPPORT_and_keeps_the_current_monitor(string endpoint)
    {
        using var f = new MonitorFixture();
        Assert.Equal(ZmqError.EPROTONOSUPPORT, TestSupport.ErrorOf(() => f.Socket.Monitor(endpoint)));
        f.Socket.EmitEvent(SocketEvents.Connected, 1, "still");
        Assert.Equal(new MonitorEvent(SocketEvents.Connected, 1, "still"), MonitorEvent.Receive(f.Reader));
    }

    [Fact]
    public void Malformed_and_taken_endpoints_fail_as_in_libzmq()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc("monitor");
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => a.Monitor("bogus")));
        a.Monitor(ep);
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(() => b.Monitor(ep)));
        Assert.Equal(3, ctx.SocketCount); // a, b and a's monitor PAIR: b's failed PAIR was closed
    }

    [Fact]
    public void Monitor_on_a_closed_socket_is_ENOTSOCK()
    {
        using var ctx = new Context();
        Socket socket = ctx.Create(SocketType.Pair);
        socket.Close();
        Assert.Equal(ZmqError.ENOTSOCK, TestSupport.ErrorOf(() => socket.Monitor(TestSupport.Inproc())));
    }

    [Fact]
    public void Receive_times_out_with_EAGAIN_when_nothing_comes()
    {
        using var f = new MonitorFixture();
        f.Reader.SetOption(SocketOption.RcvTimeo, 0);
        Assert.False(MonitorEvent.TryReceive(f.Reader, out _));
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => MonitorEvent.Receive(f.Reader)));
    }

    [Fact]
    public void Emitting_after_context_shutdown_neither_throws_nor_blocks_termination()
    {
        var f = new MonitorFixture();
        f.Context.Shutdown();
        f.Socket.EmitEvent(SocketEvents.Disconnected, 1, "tcp://a:1");
        f.Socket.Close(); // stops the monitor: its MonitorStopped send fails with ETERM, quietly
        f.Reader.Close();
        TestSupport.RunBounded(f.Context.Terminate).WaitBounded("terminate");
        Assert.Equal(0, f.Context.SocketCount);
    }
}
