namespace Zinc.Tests.Transports;

public class IoThreadTests
{
    private static string? FindThread(string name)
    {
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == name) return task;
            }
            catch (IOException)
            {
                // the thread ended while we looked
            }
        }
        return null;
    }

    [Theory]
    [InlineData(IoBackend.Epoll)]
    [InlineData(IoBackend.IoUring)]
    public void Io_threads_take_the_name_prefix_and_the_cpu_affinity(IoBackend backend)
    {
        string prefix = Random.Shared.Next(100, 999).ToString();
        using var ctx = new Context { IoBackend = backend };
        ctx.SetOption(ContextOption.ThreadNamePrefix, prefix);
        ctx.SetOption(ContextOption.ThreadAffinityCpuAdd, 0);
        using Socket pull = ctx.Create(SocketType.Pull);
        using Socket push = ctx.Create(SocketType.Push);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect(pull.LastEndpoint);
        push.SendString("up");
        Assert.Equal("up", pull.RecvString()); // the IO thread has run its setup by now
        string? task = FindThread($"{prefix}/ZMQbg/IO/0");
        Assert.NotNull(task);
        string status = File.ReadAllText(Path.Combine(task, "status"));
        Assert.Contains("Cpus_allowed_list:\t0\n", status);
    }

    [Fact]
    public void No_io_threads_means_no_network_endpoints()
    {
        using var ctx = new Context { IoThreads = 0 };
        using Socket socket = ctx.Create(SocketType.Pull);
        Assert.Equal(ZmqError.EMTHREAD, TestSupport.ErrorOf(() => socket.Bind("tcp://127.0.0.1:*")));
        socket.Bind(TestSupport.Inproc()); // inproc needs none
    }

    [Fact]
    public void Several_io_threads_share_the_connections()
    {
        using var ctx = new Context { IoThreads = 2 };
        using Socket pull = ctx.Create(SocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        var pushes = Enumerable.Range(0, 4).Select(_ => ctx.Create(SocketType.Push)).ToList();
        foreach (Socket push in pushes) push.Connect(pull.LastEndpoint);
        foreach (Socket push in pushes) push.SendString("x");
        for (int i = 0; i < pushes.Count; i++) Assert.Equal("x", pull.RecvString());
        foreach (Socket push in pushes) push.Dispose();
        Assert.NotNull(FindThread("ZMQbg/IO/1"));
    }
}
