using Zinc.Tests.Transports;

namespace Zinc.Tests.Monitoring;

/// <summary>
/// What a monitor reports when this side ends a link or a listener, as libzmq 4.3.4 does
/// (checked with python3-zmq): zmq_disconnect and unbind report no DISCONNECTED (that event means
/// the peer or the network ended the link), and closing a bound socket reports the listener's
/// CLOSED before MONITOR_STOPPED.
/// </summary>
public sealed class LocalEndEventTests
{
    // An event the IO loop emits after everything posted to it before: a connect to a port
    // nobody listens on ends with CONNECT_RETRIED.
    private static void SyncWithLoop(Socket socket, MonitorReader monitor)
    {
        socket.Connect($"tcp://127.0.0.1:{StreamTestSupport.FreeTcpPort()}");
        monitor.WaitFor(SocketEvents.ConnectRetried);
    }

    // A PULL bound on tcp and a PUSH connected to it, both monitored.
    private sealed class MonitoredLink : IDisposable
    {
        private readonly Context _ctx;
        private readonly Socket _pull, _push;
        private readonly MonitorReader _pullEvents, _pushEvents;

        public MonitoredLink(IoBackend backend)
        {
            _ctx = StreamTestSupport.NewContext(backend);
            _pull = _ctx.CreateStream(SocketType.Pull);
            _push = _ctx.CreateStream(SocketType.Push);
            _pull.Bind("tcp://127.0.0.1:*");
            _pullEvents = new MonitorReader(_ctx, _pull);
            _pushEvents = new MonitorReader(_ctx, _push);
            _push.Connect(_pull.LastEndpoint!);
        }

        public void Deconstruct(out Socket pull, out Socket push, out MonitorReader pullEvents, out MonitorReader pushEvents) =>
            (pull, push, pullEvents, pushEvents) = (_pull, _push, _pullEvents, _pushEvents);

        public void Dispose()
        {
            _pullEvents.Dispose();
            _pushEvents.Dispose();
            _push.Dispose();
            _pull.Dispose();
            _ctx.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Disconnect_reports_nothing_on_this_side_and_disconnected_on_the_peer(IoBackend backend)
    {
        using var link = new MonitoredLink(backend);
        var (pull, push, pullEvents, pushEvents) = link;
        pushEvents.WaitFor(SocketEvents.HandshakeSucceeded);
        push.Disconnect(pull.LastEndpoint!);
        pullEvents.WaitFor(SocketEvents.Disconnected);
        SyncWithLoop(push, pushEvents);
        Assert.DoesNotContain(SocketEvents.Disconnected, pushEvents.Kinds);
    }

    // Review finding: with messages queued, the link drains within LINGER and ends on its own
    // (EngineEnd.Finished), which is still this side's doing.
    [Fact]
    public void Disconnect_with_queued_messages_reports_nothing_on_this_side()
    {
        using var ctx = new Context();
        using var pull = ctx.CreateStream(SocketType.Pull);
        using var push = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.RcvHwm, 1);
        pull.Bind("tcp://127.0.0.1:*");
        using var pushEvents = new MonitorReader(ctx, push);
        push.SetOption(SocketOption.Linger, -1);
        push.Connect(pull.LastEndpoint!);
        pushEvents.WaitFor(SocketEvents.HandshakeSucceeded);
        var payload = new byte[1024];
        int sent = 0;
        while (sent < 2000 && push.TrySend(payload, SendFlags.DontWait)) sent++;
        push.Disconnect(pull.LastEndpoint!);
        for (int i = 0; i < sent; i++) pull.ReceiveBytes(); // all of it still arrives
        SyncWithLoop(push, pushEvents);
        Assert.DoesNotContain(SocketEvents.Disconnected, pushEvents.Kinds);
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Unbind_reports_the_listener_closed_and_no_disconnected(IoBackend backend)
    {
        using var link = new MonitoredLink(backend);
        var (pull, push, pullEvents, pushEvents) = link;
        pullEvents.WaitFor(SocketEvents.HandshakeSucceeded);
        pull.Unbind(pull.LastEndpoint!);
        pullEvents.WaitFor(SocketEvents.Closed);
        pushEvents.WaitFor(SocketEvents.Disconnected);
        SyncWithLoop(pull, pullEvents);
        Assert.DoesNotContain(SocketEvents.Disconnected, pullEvents.Kinds);
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Close_reports_the_listener_closed_before_monitor_stopped(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        var pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        using var events = new MonitorReader(ctx, pull);
        pull.Dispose();
        events.WaitFor(SocketEvents.MonitorStopped);
        Assert.Equal(new[] { SocketEvents.Closed, SocketEvents.MonitorStopped }, events.Kinds.TakeLast(2));
    }
}
