namespace Zinc.Tests.Sockets;

public sealed class SocketFdTests
{
    private static bool FdReadable(int fd, int timeoutMs)
    {
        using var poller = new Poller();
        poller.Add(fd, PollEvents.PollIn);
        return poller.TryWait(out _, timeoutMs);
    }

    [Fact]
    public void Fd_turns_readable_when_a_message_arrives_after_events_were_read()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        int fd = pull.GetOptionInt32(SocketOption.Fd);
        Assert.True(fd >= 0);
        Assert.True(FdReadable(fd, 0), "the fd starts readable so the application looks once");
        Assert.Equal(PollEvents.None, pull.GetEvents());
        Assert.False(FdReadable(fd, 0));

        var sender = TestSupport.RunBounded(() => push.SendString("wake"));
        Assert.True(FdReadable(fd, TestSupport.TimeoutMs));
        sender.WaitBounded("sender");
        Assert.Equal(PollEvents.PollIn, pull.GetEvents());
        Assert.Equal("wake", pull.RecvString());
    }

    [Fact]
    public void Fd_is_the_same_descriptor_each_time()
    {
        using var ctx = new Context();
        using var s = ctx.Create(SocketType.Pair);
        Assert.Equal(s.GetOptionInt32(SocketOption.Fd), s.GetFd());
    }
}
