namespace Zinc.Tests.Sockets;

public sealed class PeerChurnTests
{
    [Fact]
    public void Publisher_lets_go_of_a_subscriber_that_closed()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.Pub);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        for (int round = 0; round < 20; round++)
        {
            var sub = ctx.Create(SocketType.Sub);
            sub.Connect(ep);
            pub.SendString("before"); // the PUB adopts the link before the subscription arrives
            sub.Subscribe("");
            sub.Dispose();
        }
        // A PUB never receives: sending is what processes its peers' departures.
        long until = Environment.TickCount64 + TestSupport.TimeoutMs;
        while (pub.Pipes.Count > 0 && Environment.TickCount64 < until) pub.SendString("tick");
        Assert.Empty(pub.Pipes);
    }

    [Fact]
    public void Puller_lets_go_of_a_pusher_once_it_has_read_what_it_left()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull, timeoutMs: 100);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        var push = ctx.Create(SocketType.Push);
        push.Connect(ep);
        push.SendString("left behind");
        push.Dispose();
        Assert.Equal("left behind", pull.RecvString());
        Assert.Null(pull.TryRecvString());
        pull.GetEvents();
        Assert.Empty(pull.Pipes);
    }
}
