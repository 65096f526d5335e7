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

    [Fact]
    public void Conflating_subscriber_keeps_every_subscription()
    {
        using var ctx = new Context();
        using var pub = ctx.Create(SocketType.XPub);
        using var sub = ctx.Create(SocketType.Sub, timeoutMs: 100);
        sub.SetOption(SocketOption.Conflate, 1);
        sub.Subscribe("A");
        sub.Subscribe("B");
        string ep = TestSupport.Inproc();
        pub.Bind(ep);
        sub.Connect(ep);
        sub.Subscribe("C");
        var seen = new HashSet<string>();
        for (int i = 0; i < 3; i++) seen.Add(System.Text.Encoding.UTF8.GetString(pub.ReceiveBytes(), 1, 1));
        Assert.Equal(new HashSet<string> { "A", "B", "C" }, seen);
        pub.SendString("A1");
        Assert.Equal("A1", sub.RecvString());
        pub.SendString("B1");
        Assert.Equal("B1", sub.RecvString());
    }

    [Fact]
    public void Conflating_link_delivers_whole_multipart_messages_only()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull, timeoutMs: 100);
        using var push = ctx.Create(SocketType.Push);
        pull.SetOption(SocketOption.Conflate, 1);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        push.SendFrames("A1", "A2");
        Assert.Equal("A1", pull.RecvString());
        push.SendFrames("B1", "B2");
        push.SendFrames("C1", "C2");
        // The message being read is finished from its own frames; then only the newest whole one.
        Assert.Equal("A2", pull.RecvString());
        Assert.Equal(new[] { "C1", "C2" }, pull.RecvFrames());
        Assert.Null(pull.TryRecvString());
    }
}
