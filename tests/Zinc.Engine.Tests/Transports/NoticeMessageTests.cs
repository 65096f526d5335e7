using System.Diagnostics;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>ZMQ_HELLO_MSG, ZMQ_DISCONNECT_MSG and ZMQ_HICCUP_MSG over tcp and ipc.</summary>
public sealed class NoticeMessageTests
{
    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Hello_msg_of_a_bound_router_reaches_the_dealer_first(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        router.SetOption(SocketOption.HelloMsg, "welcome");
        router.Bind(BindEndpoint(transport));
        dealer.SetOption(SocketOption.RoutingId, "d1");
        dealer.Connect(router.LastEndpoint);
        Assert.Equal("welcome", dealer.RecvString());
        dealer.SendString("thanks");
        Assert.Equal(new[] { "d1", "thanks" }, router.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Hello_msg_of_a_connecting_dealer_reaches_the_router_first(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        router.Bind(BindEndpoint(transport));
        dealer.SetOption(SocketOption.RoutingId, "d2");
        dealer.SetOption(SocketOption.HelloMsg, "hello from dealer");
        dealer.Connect(router.LastEndpoint);
        dealer.SendString("first real message");
        Assert.Equal(new[] { "d2", "hello from dealer" }, router.RecvFrames());
        Assert.Equal(new[] { "d2", "first real message" }, router.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Disconnect_msg_arrives_when_the_dealer_closes(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket router = ctx.CreateStream(SocketType.Router);
        router.SetOption(SocketOption.DisconnectMsg, "gone");
        router.Bind(BindEndpoint(transport));
        Socket dealer = ctx.CreateStream(SocketType.Dealer);
        dealer.SetOption(SocketOption.RoutingId, "d3");
        dealer.Connect(router.LastEndpoint);
        dealer.SendString("hi");
        Assert.Equal(new[] { "d3", "hi" }, router.RecvFrames());
        dealer.Close();
        Assert.Equal(new[] { "d3", "gone" }, router.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Hiccup_msg_arrives_when_the_bound_peer_comes_back(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        dealer.SetOption(SocketOption.HiccupMsg, "hiccup");
        dealer.SetOption(SocketOption.ReconnectIvl, 10);
        dealer.SetOption(SocketOption.RoutingId, "d4");
        Socket first = ctx.CreateStream(SocketType.Router);
        first.Bind(BindEndpoint(transport));
        string endpoint = first.LastEndpoint;
        dealer.Connect(endpoint);
        dealer.SendString("one");
        Assert.Equal(new[] { "d4", "one" }, first.RecvFrames());
        first.Close();

        using Socket second = ctx.CreateStream(SocketType.Router);
        var watch = Stopwatch.StartNew();
        while (TestSupport.ErrorOf(() => second.Bind(endpoint)) == ZmqError.EADDRINUSE)
        {
            Assert.True(watch.ElapsedMilliseconds < TestSupport.TimeoutMs, "the endpoint never became free");
            Thread.Sleep(5);
        }
        Assert.Equal("hiccup", dealer.RecvString());
        dealer.SendString("two");
        Assert.True(second.TryReceiveBytes(out byte[] id), "nothing reached the new peer" + DescribeIpcFile(endpoint));
        Assert.Equal("d4", System.Text.Encoding.UTF8.GetString(id));
        Assert.Equal("two", second.RecvString());
    }
}
