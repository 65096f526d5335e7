using System.Text;
using Zinc.Tests.Transports;

namespace Zinc.Tests.Sockets;

/// <summary>
/// WaitToReceiveAsync with non-blocking TryReceive: the drain loop that awaits only when the
/// socket has nothing queued (the ChannelReader.WaitToReadAsync pattern).
/// </summary>
public class SocketWaitToReceiveTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(TestSupport.TimeoutMs * 2);

    private static async Task Within(ValueTask task) => await task.AsTask().WaitAsync(Bound);

    private static string Text(in Msg msg) => Encoding.UTF8.GetString(msg.Data);

    [Fact]
    public async Task A_queued_frame_completes_the_wait_at_once_and_stays_queued()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("wait-queued"));
        push.Connect(pull.LastEndpoint);
        push.Send("one");
        Assert.True(StreamTestSupport.WaitUntil(() => (pull.GetOptionInt32(SocketOption.Events) & (int)PollEvents.PollIn) != 0));
        ValueTask wait = pull.WaitToReceiveAsync();
        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
        // Twice: waiting never takes the frame.
        await Within(pull.WaitToReceiveAsync());
        Msg msg = default;
        Assert.True(pull.TryReceive(ref msg, ReceiveFlags.DontWait));
        Assert.Equal("one", Text(msg));
        Assert.False(pull.TryReceive(ref msg, ReceiveFlags.DontWait));
        msg.Close();
    }

    [Fact]
    public async Task A_wait_that_starts_empty_completes_when_a_frame_arrives()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("wait-empty"));
        push.Connect(pull.LastEndpoint);
        for (int i = 0; i < 100; i++)
        {
            ValueTask wait = pull.WaitToReceiveAsync();
            push.Send("m" + i);
            await Within(wait);
            Msg msg = default;
            Assert.True(pull.TryReceive(ref msg, ReceiveFlags.DontWait));
            Assert.Equal("m" + i, Text(msg));
            msg.Close();
        }
    }

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    [InlineData("ipc")]
    public async Task The_drain_loop_receives_every_frame_in_order(string transport)
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(transport == "inproc" ? TestSupport.Inproc("wait-drain") : StreamTestSupport.BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);
        const int count = 20000;
        Task sender = Task.Run(() =>
        {
            for (int i = 0; i < count; i++) push.Send(i.ToString());
        });
        int received = 0;
        Msg msg = default;
        while (received < count)
        {
            await Within(pull.WaitToReceiveAsync());
            while (pull.TryReceive(ref msg, ReceiveFlags.DontWait))
            {
                Assert.Equal(received.ToString(), Text(msg));
                received++;
            }
        }
        msg.Close();
        await sender.WaitAsync(Bound);
    }

    [Fact]
    public async Task Receive_timeout_maps_to_eagain()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(TestSupport.Inproc("wait-timeout"));
        pull.SetOption(SocketOption.RcvTimeo, 50);
        var error = await Assert.ThrowsAsync<ZmqException>(async () => await Within(pull.WaitToReceiveAsync()));
        Assert.Equal(ZmqError.EAGAIN, error.Error);
        pull.SetOption(SocketOption.RcvTimeo, 0);
        error = await Assert.ThrowsAsync<ZmqException>(async () => await pull.WaitToReceiveAsync());
        Assert.Equal(ZmqError.EAGAIN, error.Error);
    }

    [Fact]
    public async Task Cancellation_mid_wait_then_the_socket_still_works()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("wait-cancel"));
        push.Connect(pull.LastEndpoint);
        using var cts = new CancellationTokenSource();
        ValueTask waiting = pull.WaitToReceiveAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Within(waiting));
        push.Send("after");
        await Within(pull.WaitToReceiveAsync());
        Assert.Equal("after", pull.ReceiveString(ReceiveFlags.DontWait));
    }

    [Fact]
    public async Task Closing_the_socket_ends_a_pending_wait()
    {
        using var ctx = new Context();
        Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(TestSupport.Inproc("wait-close"));
        ValueTask waiting = pull.WaitToReceiveAsync();
        pull.Close();
        var error = await Assert.ThrowsAsync<ZmqException>(async () => await Within(waiting));
        Assert.Equal(ZmqError.ENOTSOCK, error.Error);
    }

    [Fact]
    public async Task A_wait_and_a_receive_share_the_receive_direction()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("wait-busy"));
        push.Connect(pull.LastEndpoint);
        ValueTask<Msg> receiving = pull.ReceiveAsync();
        var busy = await Assert.ThrowsAsync<ZmqException>(async () => await pull.WaitToReceiveAsync());
        Assert.Equal(ZmqError.EBUSY, busy.Error);
        push.Send("x");
        Msg msg = await receiving.AsTask().WaitAsync(Bound);
        msg.Close();
        ValueTask waiting = pull.WaitToReceiveAsync();
        busy = await Assert.ThrowsAsync<ZmqException>(async () => await pull.ReceiveAsync());
        Assert.Equal(ZmqError.EBUSY, busy.Error);
        push.Send("y");
        await Within(waiting);
        Assert.Equal("y", pull.ReceiveString(ReceiveFlags.DontWait));
    }

    [Fact]
    public async Task A_socket_that_cannot_receive_says_so()
    {
        using var ctx = new Context();
        using Socket push = ctx.CreateStream(SocketType.Push);
        var error = await Assert.ThrowsAsync<ZmqException>(async () => await push.WaitToReceiveAsync());
        Assert.Equal(ZmqError.ENOTSUP, error.Error);
    }

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task A_drain_loop_beside_a_send_loop_on_one_socket(string transport)
    {
        // The take after the wait goes through the async gate, since SendAsync may be retrying
        // on another pool thread at that moment.
        using var ctx = new Context();
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        // A ROUTER drops what a full pipe cannot take: a receiver that falls 1,000 replies behind
        // (a loaded machine) would lose some. MANDATORY makes the echo wait for credit instead.
        router.SetOption(SocketOption.RouterMandatory, 1);
        router.Bind(transport == "inproc" ? TestSupport.Inproc("wait-echo") : StreamTestSupport.BindEndpoint(transport));
        dealer.Connect(router.LastEndpoint);
        const int count = 3000;
        Task echo = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++) await router.SendMultipartAsync(await router.ReceiveMultipartAsync());
        });
        Task sender = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++) await dealer.SendAsync(i.ToString());
        });
        var received = new List<string>();
        Task receiver = Task.Run(async () =>
        {
            Msg msg = default;
            while (received.Count < count)
            {
                await dealer.WaitToReceiveAsync();
                while (dealer.TryReceive(ref msg, ReceiveFlags.DontWait)) received.Add(Text(msg));
            }
            msg.Close();
        });
        await Task.WhenAll(echo, sender, receiver).WaitAsync(Bound);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), received);
    }
}
