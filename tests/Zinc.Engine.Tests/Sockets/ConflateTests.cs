namespace Zinc.Tests.Sockets;

public sealed class ConflateTests
{
    [Fact]
    public void Conflating_receiver_gets_only_the_newest_message()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull, timeoutMs: 50);
        using var push = ctx.Create(SocketType.Push);
        pull.SetOption(SocketOption.Conflate, 1);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        for (int i = 0; i < 100; i++) push.SendString($"v{i}");
        Assert.Equal("v99", pull.RecvString());
        Assert.Null(pull.TryRecvString());
    }

    [Fact]
    public void Conflating_link_never_blocks_the_sender_and_holds_one_message()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push, timeoutMs: 0);
        push.SetOption(SocketOption.Conflate, 1);
        push.SetOption(SocketOption.SndHwm, 1);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        byte[] big = new byte[4096];
        for (int i = 0; i < 10_000; i++)
        {
            big[0] = (byte)i;
            Assert.True(push.TrySend(big, SendFlags.DontWait));
        }
        Assert.Equal((byte)(9_999 & 0xFF), pull.ReceiveBytes()[0]);
    }

    [Fact]
    public void Conflating_subscriber_sees_the_latest_update()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.XPub);
        using var sub = ctx.Create(SocketType.Sub, timeoutMs: 100);
        sub.SetOption(SocketOption.Conflate, 1);
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("");
        Assert.Equal(new byte[] { 1 }, pub.ReceiveBytes()); // the subscription reached the publisher
        for (int i = 0; i < 50; i++) pub.SendString($"tick{i}");
        Assert.Equal("tick49", sub.RecvString());
        Assert.Null(sub.TryRecvString());
    }
}
