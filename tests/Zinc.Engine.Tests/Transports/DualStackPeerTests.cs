using System.Text;
using Zinc.Tests.Security;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>
/// IPv4 peers of a dual-stack listener (IPV6 set, bound to tcp://*:port) are named in their
/// IPv4-mapped form, "::ffff:127.0.0.1", as libzmq 4.3.4 names them: in Peer-Address, in the
/// ZAP request's address, and in the monitor's endpoints. TCP_ACCEPT_FILTER still matches them.
/// </summary>
public sealed class DualStackPeerTests
{
    private const string Mapped = "::ffff:127.0.0.1";

    private static Socket DualStack(Context ctx, SocketType type, Action<Socket>? setup = null)
    {
        Socket socket = ctx.CreateStream(type);
        socket.SetOption(SocketOption.Ipv6, 1);
        setup?.Invoke(socket);
        socket.Bind("tcp://*:*");
        return socket;
    }

    private static string Ipv4Endpoint(Socket bound) => $"tcp://127.0.0.1:{PortOf(bound.LastEndpoint)}";

    private static string ReceivePeerAddress(Socket socket)
    {
        Msg msg = default;
        socket.Receive(ref msg);
        string? address = msg.GetProperty("Peer-Address");
        msg.Close();
        return address ?? "(none)";
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Peer_address_of_an_ipv4_peer_is_mapped(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = DualStack(ctx, SocketType.Pull);
        using var events = new MonitorReader(ctx, pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(Ipv4Endpoint(pull));
        push.SendString("x");
        Assert.Equal(Mapped, ReceivePeerAddress(pull));
        // ACCEPTED names the accepting end's real address: mapped too.
        Assert.Equal($"tcp://[{Mapped}]:{PortOf(pull.LastEndpoint)}", events.WaitFor(SocketEvents.Accepted).Endpoint);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Stream_socket_peer_address_is_mapped(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket server = DualStack(ctx, SocketType.Stream, s => s.SetOption(SocketOption.StreamNotify, 0));
        using RawPeer client = RawPeer.Connect(Ipv4Endpoint(server));
        client.Write("x");
        server.ReceiveBytes(); // the routing id
        Assert.Equal(Mapped, ReceivePeerAddress(server));
    }

    [Fact]
    public void Zap_request_names_the_mapped_address()
    {
        using var ctx = new Context();
        using var zap = TestZapHandler.AllowAll(ctx);
        using Socket pull = DualStack(ctx, SocketType.Pull, s => s.SetOption(SocketOption.ZapDomain, "d"));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(Ipv4Endpoint(pull));
        push.SendString("x");
        Assert.Equal(Mapped, ReceivePeerAddress(pull));
        Assert.True(zap.Requests.TryPeek(out List<byte[]>? request));
        Assert.Equal(Mapped, Encoding.UTF8.GetString(request![3]));
    }

    [Fact]
    public void Ipv4_only_listener_keeps_the_plain_address()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("tcp://*:*");
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(Ipv4Endpoint(pull));
        push.SendString("x");
        Assert.Equal("127.0.0.1", ReceivePeerAddress(pull));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.0/8", true)]
    [InlineData(Mapped, true)]
    [InlineData("::1", false)]
    [InlineData("10.0.0.1", false)]
    public void Accept_filter_matches_a_mapped_peer_by_either_form(string filter, bool accepted)
    {
        using var ctx = new Context();
        using Socket pull = DualStack(ctx, SocketType.Pull, s => s.SetOption(SocketOption.TcpAcceptFilter, filter));
        using var events = new MonitorReader(ctx, pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(Ipv4Endpoint(pull));
        push.SendString("x");
        MonitorEvent ev = events.WaitFor(SocketEvents.Accepted | SocketEvents.AcceptFailed);
        Assert.Equal(accepted ? SocketEvents.Accepted : SocketEvents.AcceptFailed, ev.Event);
        if (accepted) Assert.Equal("x", pull.RecvString());
    }
}
