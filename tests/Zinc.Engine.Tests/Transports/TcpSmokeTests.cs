namespace Zinc.Tests.Transports;

public class TcpSmokeTests
{
    [Theory]
    [InlineData("tcp://127.0.0.1:*", IoBackend.Epoll)]
    [InlineData("ipc://*", IoBackend.Epoll)]
    [InlineData("tcp://127.0.0.1:*", IoBackend.IoUring)]
    [InlineData("ipc://*", IoBackend.IoUring)]
    public void Push_pull_over_stream_transport(string bindEndpoint, IoBackend backend)
    {
        using var ctx = new Context { IoBackend = backend };
        using Socket pull = ctx.Create(SocketType.Pull);
        using Socket push = ctx.Create(SocketType.Push);
        pull.Bind(bindEndpoint);
        push.Connect(pull.LastEndpoint);
        push.SendString("hello");
        Assert.Equal("hello", pull.RecvString());
        push.SendFrames("a", "b", "");
        Assert.Equal(new[] { "a", "b", "" }, pull.RecvFrames());
        var big = new byte[4 << 20];
        new Random(1).NextBytes(big);
        push.Send(big);
        Assert.Equal(big, pull.ReceiveBytes());
    }
}
