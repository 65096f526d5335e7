namespace Zinc.Tests.Sockets;

public sealed class PairTests
{
    [Fact]
    public void Pair_talks_both_ways()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc();
        a.Bind(ep);
        b.Connect(ep);
        a.SendString("ping");
        Assert.Equal("ping", b.RecvString());
        b.SendString("pong");
        Assert.Equal("pong", a.RecvString());
    }

    [Fact]
    public void Pair_refuses_a_second_peer()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        using var c = ctx.Create(SocketType.Pair, timeoutMs: 100);
        string ep = TestSupport.Inproc();
        a.Bind(ep);
        b.Connect(ep);
        c.Connect(ep);
        b.SendString("from b");
        Assert.Equal("from b", a.RecvString());
        a.SendString("to b");
        Assert.Equal("to b", b.RecvString());
        Assert.Null(c.TryRecvString());
    }

    [Fact]
    public void Pair_without_peer_blocks_send()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair, timeoutMs: 50);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => a.SendString("x")));
    }
}
