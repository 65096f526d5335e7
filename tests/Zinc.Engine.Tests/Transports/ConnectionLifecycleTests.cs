using System.Diagnostics;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>Connect before bind, reconnecting, IMMEDIATE, and routing ids over tcp/ipc.</summary>
public sealed class ConnectionLifecycleTests
{
    /// <summary>An endpoint nobody is bound to yet, for connecting before the bind.</summary>
    private static string UnboundEndpoint(string transport) =>
        transport == "tcp" ? $"tcp://127.0.0.1:{FreeTcpPort()}" : "ipc://" + IpcPath();

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Messages_sent_before_the_peer_binds_arrive_once_it_binds(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        string endpoint = UnboundEndpoint(transport);
        push.Connect(endpoint);
        for (int i = 0; i < 5; i++) push.SendString("early-" + i);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(endpoint);
        for (int i = 0; i < 5; i++) Assert.Equal("early-" + i, pull.RecvString());
        push.SendString("late");
        Assert.Equal("late", pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Reconnects_to_a_new_socket_bound_on_the_same_endpoint(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        Socket first = ctx.CreateStream(SocketType.Pull);
        first.Bind(BindEndpoint(transport));
        string endpoint = first.LastEndpoint;
        push.Connect(endpoint);
        push.SendString("to first");
        Assert.Equal("to first", first.RecvString());
        first.Close();

        using Socket second = ctx.CreateStream(SocketType.Pull);
        // The old listener closes on its IO thread; the tcp port is free again once it has.
        var watch = Stopwatch.StartNew();
        while (TestSupport.ErrorOf(() => second.Bind(endpoint)) == ZmqError.EADDRINUSE)
        {
            Assert.True(watch.ElapsedMilliseconds < TestSupport.TimeoutMs, "the endpoint never became free");
            Thread.Sleep(5);
        }
        // A message written to the dead connection may be lost; keep sending until one lands.
        try
        {
            SendUntilReceived(push, second, "to second");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + DescribeIpcFile(endpoint));
        }
        for (int i = 0; i < 10; i++) push.SendString("next-" + i);
        var got = new List<string>();
        while (got.Count < 10)
        {
            string s = second.RecvString();
            if (s != "to second") got.Add(s);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "next-" + i), got);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Immediate_sends_only_to_connected_peers(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(BindEndpoint(transport));
        push.SetOption(SocketOption.Immediate, 1);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        push.Connect(UnboundEndpoint(transport));
        push.Connect(pull.LastEndpoint);
        const int count = 20;
        // SNDTIMEO bounds the wait for the one live link to come up.
        for (int i = 0; i < count; i++) push.SendString("m" + i);
        for (int i = 0; i < count; i++) Assert.Equal("m" + i, pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Connect_routing_id_names_the_peer_of_a_connecting_router(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket bound = ctx.CreateStream(SocketType.Router);
        using Socket connecting = ctx.CreateStream(SocketType.Router);
        bound.Bind(BindEndpoint(transport));
        connecting.SetOption(SocketOption.RoutingId, "client");
        connecting.SetOption(SocketOption.RouterMandatory, 1);
        connecting.SetOption(SocketOption.ConnectRoutingId, "server-alias");
        connecting.Connect(bound.LastEndpoint);

        // The peer is routable once its handshake is done.
        var watch = Stopwatch.StartNew();
        while (TestSupport.ErrorOf(() => connecting.SendFrames("server-alias", "hello")) == ZmqError.EHOSTUNREACH)
        {
            Assert.True(watch.ElapsedMilliseconds < TestSupport.TimeoutMs, "the peer never became routable");
            Thread.Sleep(5);
        }
        Assert.Equal(new[] { "client", "hello" }, bound.RecvFrames());
        bound.SendFrames("client", "back");
        Assert.Equal(new[] { "server-alias", "back" }, connecting.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Connect_routing_id_applies_to_the_next_connect_only(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket a = ctx.CreateStream(SocketType.Router);
        using Socket b = ctx.CreateStream(SocketType.Router);
        using Socket client = ctx.CreateStream(SocketType.Router);
        a.SetOption(SocketOption.RoutingId, "A");
        b.SetOption(SocketOption.RoutingId, "B");
        a.Bind("tcp://127.0.0.1:*");
        b.Bind("tcp://127.0.0.1:*");
        client.SetOption(SocketOption.RoutingId, "client");
        client.SetOption(SocketOption.RouterMandatory, 1);
        client.SetOption(SocketOption.ConnectRoutingId, "alias-of-A");
        client.Connect(a.LastEndpoint);
        client.Connect(b.LastEndpoint);

        // The second link is known by the id B announced, not by the alias.
        foreach ((string id, Socket peer) in new[] { ("alias-of-A", a), ("B", b) })
        {
            var watch = Stopwatch.StartNew();
            while (TestSupport.ErrorOf(() => client.SendFrames(id, "to " + id)) == ZmqError.EHOSTUNREACH)
            {
                Assert.True(watch.ElapsedMilliseconds < TestSupport.TimeoutMs, $"{id} never became routable");
                Thread.Sleep(5);
            }
            Assert.Equal(new[] { "client", "to " + id }, peer.RecvFrames());
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Bound_router_sees_the_dealer_routing_id(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        router.Bind(BindEndpoint(transport));
        dealer.SetOption(SocketOption.RoutingId, "dealer-7");
        dealer.Connect(router.LastEndpoint);
        dealer.SendString("hi");
        Assert.Equal(new[] { "dealer-7", "hi" }, router.RecvFrames());
        router.SendFrames("dealer-7", "hello", "dealer");
        Assert.Equal(new[] { "hello", "dealer" }, dealer.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Router_mandatory_reports_EHOSTUNREACH_for_an_unknown_id(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        router.SetOption(SocketOption.RouterMandatory, 1);
        router.Bind("tcp://127.0.0.1:*");
        dealer.SetOption(SocketOption.RoutingId, "known");
        dealer.Connect(router.LastEndpoint);
        dealer.SendString("ping");
        Assert.Equal(new[] { "known", "ping" }, router.RecvFrames());

        Assert.Equal(ZmqError.EHOSTUNREACH, TestSupport.ErrorOf(() => router.SendFrames("unknown", "lost")));
        // The failed send left nothing half-written: the known peer still gets a clean message.
        router.SendFrames("known", "pong");
        Assert.Equal(new[] { "pong" }, dealer.RecvFrames());
    }
}
