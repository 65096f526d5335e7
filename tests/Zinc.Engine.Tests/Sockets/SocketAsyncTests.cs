using System.Text;
using Zinc.Tests.Transports;

namespace Zinc.Tests.Sockets;

/// <summary>async/await on sockets: pooled awaitables, cancellation, timeouts, close while awaiting.</summary>
public class SocketAsyncTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(TestSupport.TimeoutMs * 2);

    private static async Task<T> Within<T>(ValueTask<T> task) => await task.AsTask().WaitAsync(Bound);

    private static async Task Within(ValueTask task) => await task.AsTask().WaitAsync(Bound);

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    [InlineData("ipc")]
    public async Task Thousands_of_awaits_both_ways(string transport)
    {
        using var ctx = new Context();
        using Socket a = ctx.CreateStream(SocketType.Pair);
        using Socket b = ctx.CreateStream(SocketType.Pair);
        a.Bind(transport == "inproc" ? TestSupport.Inproc("async") : StreamTestSupport.BindEndpoint(transport));
        b.Connect(a.LastEndpoint);
        const int count = 5000;
        Task sender = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++) await b.SendAsync(i.ToString());
        });
        for (int i = 0; i < count; i++) Assert.Equal(i.ToString(), await Within(a.ReceiveStringAsync()));
        await sender.WaitAsync(Bound);
        // And back, with the receiver waiting first every time.
        for (int i = 0; i < 200; i++)
        {
            ValueTask<string> pending = b.ReceiveStringAsync();
            await a.SendAsync("r" + i);
            Assert.Equal("r" + i, await Within(pending));
        }
    }

    [Fact]
    public async Task A_send_and_a_receive_may_be_pending_together_but_not_two_receives()
    {
        using var ctx = new Context();
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        using Socket router = ctx.CreateStream(SocketType.Router);
        router.Bind(TestSupport.Inproc("busy"));
        dealer.Connect(router.LastEndpoint);
        ValueTask<Msg> first = dealer.ReceiveAsync();
        var second = await Assert.ThrowsAsync<ZmqException>(async () => await dealer.ReceiveAsync());
        Assert.Equal(ZmqError.EBUSY, second.Error);
        await dealer.SendAsync("hello");
        byte[][] request = await Within(router.ReceiveMultipartAsync());
        Assert.Equal("hello", Encoding.UTF8.GetString(request[1]));
        await router.SendMultipartAsync(new[] { request[0], "world"u8.ToArray() });
        Msg reply = await Within(first);
        Assert.Equal("world", Encoding.UTF8.GetString(reply.Data));
        reply.Close();
        // The direction is free again.
        ValueTask<Msg> third = dealer.ReceiveAsync();
        await router.SendMultipartAsync(new[] { request[0], "again"u8.ToArray() });
        Msg again = await Within(third);
        Assert.Equal("again", Encoding.UTF8.GetString(again.Data));
        again.Close();
    }

    [Fact]
    public async Task Cancellation_mid_wait_then_the_socket_still_works()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.Bind(TestSupport.Inproc("cancel"));
        push.Connect(pull.LastEndpoint);
        using var cts = new CancellationTokenSource();
        ValueTask<string> waiting = pull.ReceiveStringAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Within(waiting));
        await push.SendAsync("after");
        Assert.Equal("after", await Within(pull.ReceiveStringAsync()));
        // An already cancelled token fails at once and sends nothing.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await push.SendAsync("never", cancellationToken: cts.Token));
    }

    // A frame list that cancels the caller's token as the second frame is taken: the first frame
    // is already queued then.
    private sealed class CancelAtSecondFrame(CancellationTokenSource cts, params byte[][] frames) : IReadOnlyList<byte[]>
    {
        public byte[] this[int index]
        {
            get
            {
                if (index == 1) cts.Cancel();
                return frames[index];
            }
        }

        public int Count => frames.Length;
        public IEnumerator<byte[]> GetEnumerator() => ((IEnumerable<byte[]>)frames).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => frames.GetEnumerator();
    }

    [Fact]
    public async Task A_multipart_send_cancelled_after_its_first_frame_still_sends_the_whole_message()
    {
        using var ctx = new Context();
        using Socket pull = ctx.Create(SocketType.Pull);
        using Socket push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc("async-mp");
        pull.Bind(ep);
        push.Connect(ep);
        using var cts = new CancellationTokenSource();
        await Within(push.SendMultipartAsync(new CancelAtSecondFrame(cts, "a1"u8.ToArray(), "a2"u8.ToArray(), "a3"u8.ToArray()), cts.Token));
        await Within(push.SendMultipartAsync(new[] { "b1"u8.ToArray() }));
        Assert.Equal(new[] { "a1", "a2", "a3" }, pull.RecvFrames());
        Assert.Equal(new[] { "b1" }, pull.RecvFrames());
        // Before the first frame, cancellation still stops the call and sends nothing.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push.SendMultipartAsync(new[] { "c1"u8.ToArray(), "c2"u8.ToArray() }, cts.Token).AsTask());
        Assert.Null(pull.TryRecvString());
    }

    [Fact]
    public async Task Closing_the_socket_ends_a_pending_receive()
    {
        using var ctx = new Context();
        Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(TestSupport.Inproc("close"));
        ValueTask<Msg> waiting = pull.ReceiveAsync();
        pull.Close();
        var error = await Assert.ThrowsAsync<ZmqException>(async () => await Within(waiting));
        Assert.Equal(ZmqError.ENOTSOCK, error.Error);
    }

    [Fact]
    public async Task Terminating_the_context_ends_a_receive_loop()
    {
        var ctx = new Context();
        Socket sub = ctx.CreateStream(SocketType.Sub);
        sub.Subscribe("");
        sub.Bind(TestSupport.Inproc("term"));
        using Socket pub = ctx.CreateStream(SocketType.Pub);
        pub.Connect(sub.LastEndpoint);
        var seen = new List<string>();
        Task loop = Task.Run(async () =>
        {
            await foreach (byte[][] frames in sub.ReceiveAllAsync())
            {
                seen.Add(Encoding.UTF8.GetString(frames[0]));
                if (seen.Count == 3) pub.Close();
            }
        });
        StreamTestSupport.WaitUntil(() =>
        {
            if (seen.Count < 3) pub.TrySend("tick"u8, SendFlags.DontWait);
            return seen.Count >= 3 || loop.IsCompleted;
        });
        Task terminate = Task.Run(() =>
        {
            sub.Close();
            ctx.Dispose();
        });
        await loop.WaitAsync(Bound);
        await terminate.WaitAsync(Bound);
        Assert.True(seen.Count >= 3);
    }

    [Fact]
    public async Task Receive_timeout_maps_to_eagain()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(TestSupport.Inproc("timeout"));
        pull.SetOption(SocketOption.RcvTimeo, 50);
        var error = await Assert.ThrowsAsync<ZmqException>(async () => await Within(pull.ReceiveAsync()));
        Assert.Equal(ZmqError.EAGAIN, error.Error);
        pull.SetOption(SocketOption.RcvTimeo, 0);
        error = await Assert.ThrowsAsync<ZmqException>(async () => await pull.ReceiveAsync());
        Assert.Equal(ZmqError.EAGAIN, error.Error);
    }

    [Fact]
    public async Task A_send_blocked_on_the_high_water_mark_completes_when_the_reader_drains()
    {
        using var ctx = new Context();
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.SndHwm, 1);
        pull.SetOption(SocketOption.RcvHwm, 1);
        pull.Bind(TestSupport.Inproc("hwm"));
        push.Connect(pull.LastEndpoint);
        int sent = 0;
        ValueTask pending = default;
        while (true)
        {
            pending = push.SendAsync("m" + sent);
            if (!pending.IsCompleted) break;
            await pending;
            sent++;
            Assert.True(sent < 10_000, "the high-water mark never pushed back");
        }
        for (int i = 0; i <= sent; i++) Assert.Equal("m" + i, await Within(pull.ReceiveStringAsync()));
        await Within(pending);
    }

    [Fact]
    public async Task Many_sockets_awaiting_at_once_use_no_thread_each()
    {
        using var ctx = new Context();
        const int sockets = 200;
        var pulls = new List<Socket>();
        var pushes = new List<Socket>();
        var waits = new List<Task<string>>();
        try
        {
            for (int i = 0; i < sockets; i++)
            {
                Socket pull = ctx.CreateStream(SocketType.Pull);
                Socket push = ctx.CreateStream(SocketType.Push);
                pull.Bind(TestSupport.Inproc("many"));
                push.Connect(pull.LastEndpoint);
                pulls.Add(pull);
                pushes.Add(push);
                waits.Add(pull.ReceiveStringAsync().AsTask());
            }
            for (int i = 0; i < sockets; i++) await pushes[i].SendAsync("s" + i);
            string[] got = await Task.WhenAll(waits).WaitAsync(Bound);
            for (int i = 0; i < sockets; i++) Assert.Equal("s" + i, got[i]);
        }
        finally
        {
            foreach (Socket s in pushes.Concat(pulls)) s.Dispose();
        }
    }

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public async Task One_socket_sending_and_receiving_from_two_tasks_at_once(string transport)
    {
        // A DEALER's send loop and receive loop run on two pool threads against an echoing
        // ROUTER: the async gate keeps them from running the socket at the same time.
        using var ctx = new Context();
        using Socket router = ctx.CreateStream(SocketType.Router);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        // A ROUTER drops what a full pipe cannot take: a receiver that falls 1,000 replies behind
        // (a loaded machine) would lose some. MANDATORY makes the echo wait for credit instead.
        router.SetOption(SocketOption.RouterMandatory, 1);
        router.Bind(transport == "inproc" ? TestSupport.Inproc("echo") : StreamTestSupport.BindEndpoint(transport));
        dealer.Connect(router.LastEndpoint);
        const int count = 3000;
        Task echo = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++)
            {
                byte[][] request = await router.ReceiveMultipartAsync();
                await router.SendMultipartAsync(request);
            }
        });
        Task sender = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++) await dealer.SendAsync(i.ToString());
        });
        var received = new List<string>();
        Task receiver = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++) received.Add(await dealer.ReceiveStringAsync());
        });
        await Task.WhenAll(echo, sender, receiver).WaitAsync(Bound);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), received);
    }
}
