using System.Text.RegularExpressions;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>tcp:// address forms (zmq_tcp(7)), bind errors, unbind and disconnect.</summary>
public sealed class TcpEndpointTests
{
    private static void AssertRoundTrip(Socket push, Socket pull, string text)
    {
        push.SendString(text);
        Assert.Equal(text, pull.RecvString());
    }

    [Theory]
    [InlineData(IoBackend.Epoll, "tcp://127.0.0.1:*", "127.0.0.1")]
    [InlineData(IoBackend.Epoll, "tcp://127.0.0.1:0", "127.0.0.1")]
    [InlineData(IoBackend.Epoll, "tcp://127.0.0.1:!", "127.0.0.1")]
    [InlineData(IoBackend.Epoll, "tcp://*:*", "0.0.0.0")]
    [InlineData(IoBackend.IoUring, "tcp://127.0.0.1:*", "127.0.0.1")]
    [InlineData(IoBackend.IoUring, "tcp://127.0.0.1:0", "127.0.0.1")]
    [InlineData(IoBackend.IoUring, "tcp://127.0.0.1:!", "127.0.0.1")]
    [InlineData(IoBackend.IoUring, "tcp://*:*", "0.0.0.0")]
    public void Ephemeral_bind_reports_a_real_port_in_LastEndpoint(IoBackend backend, string bind, string host)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(bind);
        Match m = Regex.Match(pull.LastEndpoint, @"^tcp://(.+):(\d+)$");
        Assert.True(m.Success, pull.LastEndpoint);
        Assert.Equal(host, m.Groups[1].Value);
        int port = int.Parse(m.Groups[2].Value);
        Assert.InRange(port, 1, 65535);
        push.Connect($"tcp://127.0.0.1:{port}");
        AssertRoundTrip(push, pull, "ephemeral");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Ipv6_loopback_bind_and_connect(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.Ipv6, 1);
        push.SetOption(SocketOption.Ipv6, 1);
        pull.Bind("tcp://[::1]:*");
        Assert.Matches(@"^tcp://\[::1\]:\d+$", pull.LastEndpoint);
        Assert.NotEqual(0, PortOf(pull.LastEndpoint));
        push.Connect(pull.LastEndpoint);
        AssertRoundTrip(push, pull, "over v6");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Accept_filter_refusal_is_reported_as_a_failed_accept(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull, timeoutMs: 300);
        pull.SetOption(SocketOption.TcpAcceptFilter, "10.1.2.3");
        using var events = new MonitorReader(ctx, pull);
        pull.Bind("tcp://127.0.0.1:*");
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 20);
        push.Connect(pull.LastEndpoint);
        push.SendString("refused");
        // As libzmq: closed at once, ACCEPT_FAILED on the listener's endpoint, no ACCEPTED.
        MonitorEvent ev = events.WaitFor(SocketEvents.AcceptFailed | SocketEvents.Accepted);
        Assert.Equal(SocketEvents.AcceptFailed, ev.Event);
        Assert.Equal(pull.LastEndpoint, ev.Endpoint);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => pull.ReceiveBytes()));
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Connect_by_host_name(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect($"tcp://localhost:{PortOf(pull.LastEndpoint)}");
        AssertRoundTrip(push, pull, "by name");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Connect_with_a_source_address(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect($"tcp://127.0.0.1:0;127.0.0.1:{PortOf(pull.LastEndpoint)}");
        AssertRoundTrip(push, pull, "from a source");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Second_bind_of_the_same_port_is_EADDRINUSE(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket first = ctx.CreateStream(SocketType.Pull);
        using Socket second = ctx.CreateStream(SocketType.Pull);
        first.Bind("tcp://127.0.0.1:*");
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(() => second.Bind(first.LastEndpoint)));
        // The failed bind leaves the first listener working.
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(first.LastEndpoint);
        AssertRoundTrip(push, first, "still bound");
    }

    [Theory]
    [InlineData("tcp://nohost", true)]
    [InlineData("tcp://nohost", false)]
    [InlineData("tcp://1.2.3.4:99999", true)]
    [InlineData("tcp://1.2.3.4:99999", false)]
    [InlineData("tcp://127.0.0.1:*", false)]
    [InlineData("tcp://127.0.0.1:", true)]
    [InlineData("tcp://:5555", false)]
    public void Malformed_addresses_are_EINVAL(string endpoint, bool bind)
    {
        using var ctx = new Context();
        using Socket socket = ctx.CreateStream(SocketType.Pull);
        ZmqError error = TestSupport.ErrorOf(() =>
        {
            if (bind) socket.Bind(endpoint);
            else socket.Connect(endpoint);
        });
        Assert.Equal(ZmqError.EINVAL, error);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Unbind_closes_the_listener(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using var pullEvents = new MonitorReader(ctx, pull);
        pull.Bind("tcp://127.0.0.1:*");
        string endpoint = pull.LastEndpoint;
        Assert.Equal(endpoint, pullEvents.WaitFor(SocketEvents.Listening).Endpoint);
        pull.Unbind(endpoint);
        MonitorEvent closed = pullEvents.WaitFor(SocketEvents.Closed);
        Assert.Equal(endpoint, closed.Endpoint);

        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        using var pushEvents = new MonitorReader(ctx, push);
        push.Connect(endpoint);
        MonitorEvent ev = pushEvents.WaitFor(SocketEvents.ConnectRetried | SocketEvents.HandshakeSucceeded);
        Assert.Equal(SocketEvents.ConnectRetried, ev.Event);
        Assert.Equal(endpoint, ev.Endpoint);
    }

    [Fact]
    public void Unbind_knows_a_listener_by_its_resolved_endpoint_only()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind("tcp://127.0.0.1:*");
        string endpoint = pull.LastEndpoint;
        // As libzmq 4.3.4: the wildcard the socket was bound with names no listener.
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind("tcp://127.0.0.1:*")));
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind("tcp://127.0.0.1:0")));
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind("tcp://*:*")));
        push.Connect(endpoint);
        AssertRoundTrip(push, pull, "still bound");
        // A host name is resolved as a peer's would be.
        pull.Unbind($"tcp://localhost:{PortOf(endpoint)}");
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind(endpoint)));
    }

    [Fact]
    public void Unbind_of_an_unknown_endpoint_is_ENOENT()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        int other = PortOf(pull.LastEndpoint) == 1 ? 2 : 1;
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind($"tcp://127.0.0.1:{other}")));
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind("ipc://" + IpcPath())));
        pull.Unbind(pull.LastEndpoint);
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind(pull.LastEndpoint)));
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Disconnect_stops_sending_to_that_peer(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pullA = ctx.CreateStream(SocketType.Pull);
        using Socket pullB = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pullA.Bind("tcp://127.0.0.1:*");
        pullB.Bind("tcp://127.0.0.1:*");
        push.Connect(pullA.LastEndpoint);
        push.Connect(pullB.LastEndpoint);

        // Both links carry traffic before the disconnect (round robin over both pipes).
        for (int i = 0; i < 4; i++) push.SendString("before");
        Assert.Equal("before", pullA.RecvString());
        Assert.Equal("before", pullB.RecvString());
        Assert.Equal("before", pullA.RecvString());
        Assert.Equal("before", pullB.RecvString());

        push.Disconnect(pullA.LastEndpoint);
        const int count = 20;
        for (int i = 0; i < count; i++) push.SendString("after-" + i);
        for (int i = 0; i < count; i++) Assert.Equal("after-" + i, pullB.RecvString());
        Assert.Null(pullA.TryRecvString());
    }

    [Fact]
    public void Disconnect_when_not_connected_is_ENOENT()
    {
        using var ctx = new Context();
        using Socket push = ctx.CreateStream(SocketType.Push);
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => push.Disconnect($"tcp://127.0.0.1:{FreeTcpPort()}")));
        string endpoint = $"tcp://127.0.0.1:{FreeTcpPort()}";
        push.Connect(endpoint);
        push.Disconnect(endpoint);
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => push.Disconnect(endpoint)));
    }
}
