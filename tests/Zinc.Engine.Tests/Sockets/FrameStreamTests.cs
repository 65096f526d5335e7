using System.Text;
using Zinc.Tests.Transports;

namespace Zinc.Tests.Sockets;

/// <summary>await foreach over ReceiveFramesAsync: every frame in order, the end, cancellation.</summary>
public class FrameStreamTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(TestSupport.TimeoutMs * 2);

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    [InlineData("ipc")]
    public async Task Every_frame_arrives_in_order_with_its_more_flag(string transport)
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(transport == "inproc" ? TestSupport.Inproc("frames") : StreamTestSupport.BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);
        const int count = 10000;
        Task sender = Task.Run(() =>
        {
            for (int i = 0; i < count; i++)
            {
                push.Send("head", SendFlags.SendMore);
                push.Send(i.ToString());
            }
        });
        int frames = 0;
        Task reader = Task.Run(async () =>
        {
            await foreach (Msg frame in pull.ReceiveFramesAsync())
            {
                string text = Encoding.UTF8.GetString(frame.Data);
                bool more = frame.HasMore;
                frame.Close();
                Assert.Equal(frames % 2 == 0, more);
                Assert.Equal(frames % 2 == 0 ? "head" : (frames / 2).ToString(), text);
                if (++frames == 2 * count) break;
            }
        });
        await Task.WhenAll(sender, reader).WaitAsync(Bound);
        Assert.Equal(2 * count, frames);
    }

    [Fact]
    public async Task The_loop_ends_when_the_socket_closes()
    {
        using var ctx = new Context();
        Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("frames-close"));
        push.Connect(pull.LastEndpoint);
        var seen = new List<string>();
        var first = new TaskCompletionSource();
        Task loop = Task.Run(async () =>
        {
            await foreach (Msg frame in pull.ReceiveFramesAsync())
            {
                seen.Add(Encoding.UTF8.GetString(frame.Data));
                frame.Close();
                first.TrySetResult();
            }
        });
        push.Send("one");
        await first.Task.WaitAsync(Bound);
        pull.Close();
        await loop.WaitAsync(Bound);
        Assert.Equal(new[] { "one" }, seen);
    }

    [Fact]
    public async Task Cancellation_ends_the_loop_with_an_exception_and_rcvtimeo_does_not()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(TestSupport.Inproc("frames-cancel"));
        pull.SetOption(SocketOption.RcvTimeo, 20);
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        Task loop = Task.Run(async () =>
        {
            started.SetResult();
            await foreach (Msg frame in pull.ReceiveFramesAsync(cts.Token)) frame.Close();
        });
        await started.Task;
        // Several RCVTIMEO periods pass without ending the loop; only the token ends it.
        Assert.False(loop.Wait(100));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_socket_that_cannot_receive_says_so()
    {
        using var ctx = new Context();
        using Socket push = ctx.CreateStream(SocketType.Push);
        var error = await Assert.ThrowsAsync<ZmqException>(async () =>
        {
            await foreach (Msg frame in push.ReceiveFramesAsync()) frame.Close();
        });
        Assert.Equal(ZmqError.ENOTSUP, error.Error);
    }
}
