using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>Monitor events for tcp/ipc links, and context termination with links open.</summary>
public sealed class StreamMonitorTests
{
    private static readonly SocketEvents Lifecycle =
        SocketEvents.Listening | SocketEvents.Accepted | SocketEvents.Connected | SocketEvents.ConnectDelayed |
        SocketEvents.HandshakeSucceeded | SocketEvents.Disconnected | SocketEvents.Closed;

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Bound_and_connecting_sockets_report_their_lifecycle(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket bound = ctx.CreateStream(SocketType.Pair);
        using var boundEvents = new MonitorReader(ctx, bound);
        bound.Bind(BindEndpoint(transport));
        string endpoint = bound.LastEndpoint;

        Socket connecting = ctx.CreateStream(SocketType.Pair);
        using var connectingEvents = new MonitorReader(ctx, connecting);
        connecting.Connect(endpoint);
        connecting.SendString("x");
        Assert.Equal("x", bound.RecvString());

        MonitorEvent listening = boundEvents.WaitFor(Lifecycle);
        Assert.Equal(SocketEvents.Listening, listening.Event);
        Assert.True(listening.Value > 0, $"listener fd {listening.Value}");
        Assert.Equal(endpoint, listening.Endpoint);
        MonitorEvent accepted = boundEvents.WaitFor(Lifecycle);
        Assert.Equal(SocketEvents.Accepted, accepted.Event);
        Assert.True(accepted.Value > 0, $"accepted fd {accepted.Value}");
        Assert.Equal(endpoint, accepted.Endpoint);
        MonitorEvent boundUp = boundEvents.WaitFor(Lifecycle);
        Assert.Equal(SocketEvents.HandshakeSucceeded, boundUp.Event);
        Assert.Equal(endpoint, boundUp.Endpoint);

        MonitorEvent first = connectingEvents.WaitFor(Lifecycle);
        if (first.Event == SocketEvents.ConnectDelayed)
        {
            Assert.Equal(endpoint, first.Endpoint);
            first = connectingEvents.WaitFor(Lifecycle);
        }
        Assert.Equal(SocketEvents.Connected, first.Event);
        Assert.True(first.Value > 0, $"connected fd {first.Value}");
        Assert.Equal(endpoint, first.Endpoint);
        MonitorEvent connectingUp = connectingEvents.WaitFor(Lifecycle);
        Assert.Equal(SocketEvents.HandshakeSucceeded, connectingUp.Event);
        Assert.Equal(endpoint, connectingUp.Endpoint);

        // The peer closes: the bound side sees the link go.
        connecting.Close();
        MonitorEvent gone = boundEvents.WaitFor(Lifecycle);
        Assert.Equal(SocketEvents.Disconnected, gone.Event);
        Assert.Equal(endpoint, gone.Endpoint);
        Assert.True(gone.Value > 0, $"disconnected fd {gone.Value}");
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Connecting_socket_sees_Disconnected_when_the_bound_peer_closes(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        Socket bound = ctx.CreateStream(SocketType.Pull);
        bound.Bind(BindEndpoint(transport));
        string endpoint = bound.LastEndpoint;
        using Socket connecting = ctx.CreateStream(SocketType.Push);
        connecting.SetOption(SocketOption.ReconnectIvl, 10);
        using var events = new MonitorReader(ctx, connecting);
        connecting.Connect(endpoint);
        connecting.SendString("x");
        Assert.Equal("x", bound.RecvString());
        events.WaitFor(SocketEvents.HandshakeSucceeded);
        bound.Close();
        MonitorEvent gone = events.WaitFor(SocketEvents.Disconnected);
        Assert.Equal(endpoint, gone.Endpoint);
        // Nothing listens any more: the socket keeps retrying.
        MonitorEvent retried = events.WaitFor(SocketEvents.ConnectRetried);
        Assert.Equal(endpoint, retried.Endpoint);
        Assert.True(retried.Value >= 0);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Connect_retried_while_nothing_listens(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        using var events = new MonitorReader(ctx, push);
        string endpoint = transport == "tcp" ? $"tcp://127.0.0.1:{FreeTcpPort()}" : "ipc://" + IpcPath();
        push.Connect(endpoint);
        for (int i = 0; i < 3; i++)
        {
            MonitorEvent retried = events.WaitFor(SocketEvents.ConnectRetried);
            Assert.Equal(endpoint, retried.Endpoint);
        }
        Assert.DoesNotContain(events.Seen, e => e.Event is SocketEvents.Connected or SocketEvents.HandshakeSucceeded);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Closed_on_unbind(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using var events = new MonitorReader(ctx, pull);
        pull.Bind(BindEndpoint(transport));
        string endpoint = pull.LastEndpoint;
        MonitorEvent listening = events.WaitFor(SocketEvents.Listening);
        pull.Unbind(endpoint);
        MonitorEvent closed = events.WaitFor(SocketEvents.Closed);
        Assert.Equal(endpoint, closed.Endpoint);
        Assert.Equal(listening.Value, closed.Value);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Terminate_returns_after_sockets_close_with_links_open(IoBackend backend, string transport)
    {
        var ctx = NewContext(backend);
        Socket pull = ctx.CreateStream(SocketType.Pull);
        Socket push = ctx.CreateStream(SocketType.Push);
        Socket dealer = ctx.CreateStream(SocketType.Dealer);
        Socket router = ctx.CreateStream(SocketType.Router);
        Socket stray = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.RcvHwm, 5);
        pull.Bind(BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);
        router.Bind(BindEndpoint(transport));
        dealer.Connect(router.LastEndpoint);
        push.SendString("x");
        Assert.Equal("x", pull.RecvString());
        dealer.SendString("y");
        Assert.Equal(2, router.RecvFrames().Length);
        // Unread messages in flight, and messages queued for a peer that never binds.
        for (int i = 0; i < 50; i++) push.TrySend(new byte[1024], SendFlags.DontWait);
        stray.Connect(transport == "tcp" ? $"tcp://127.0.0.1:{FreeTcpPort()}" : "ipc://" + IpcPath());
        stray.SendString("never delivered");

        foreach (Socket s in new[] { pull, push, dealer, router, stray }) s.Close();
        TestSupport.RunBounded(ctx.Terminate).WaitBounded("Context.Terminate");
        Assert.True(ctx.IsTerminated);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Terminate_unblocks_a_receiver_then_returns_once_it_closes(IoBackend backend)
    {
        var ctx = NewContext(backend);
        Socket pull = ctx.CreateStream(SocketType.Pull, timeoutMs: -1);
        Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect(pull.LastEndpoint);
        push.SendString("x");
        Assert.Equal("x", pull.RecvString());
        Task receiver = TestSupport.RunBounded(() =>
        {
            Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => pull.ReceiveBytes()));
            pull.Close();
        });
        push.Close();
        TestSupport.RunBounded(ctx.Terminate).WaitBounded("Context.Terminate");
        receiver.WaitBounded("receiver");
        Assert.True(ctx.IsTerminated);
    }
}
