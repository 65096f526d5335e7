using System.Diagnostics;

namespace Zinc.Tests.Transports;

/// <summary>
/// Direct read and the other ways of waiting: after a blocking receive has borrowed the
/// connection, a poller, zmq_poll, the async receives, ZMQ_FD and a non-blocking receive loop
/// must each still see the next message (whether it was sent before or after that wait began),
/// and the waits that do not read connections themselves give the connection back to the loop.
/// </summary>
public class DirectReadWaitStyleTests
{
    private const int LongWaitMs = 2 * TestSupport.TimeoutMs;

    private static readonly string[] AllStyles =
        ["poller", "zmq-poll", "receive-async", "wait-to-receive-async", "frames-async", "zmq-fd", "dontwait-loop"];

    public static TheoryData<IoBackend, string, string> Styles => DirectRead.Crossed(AllStyles);

    // The waits that arm the socket without reading (Socket.ArmForReceive): they return a lent connection.
    public static TheoryData<IoBackend, string, string> ArmingStyles =>
        DirectRead.Crossed("poller", "zmq-poll", "receive-async", "wait-to-receive-async", "zmq-fd");

    /// <summary>Waits for the next message on <paramref name="socket"/> in the given style and returns it (bounded).</summary>
    private sealed class Waiter(Socket socket, string style) : IDisposable
    {
        private Poller? _poller;

        public byte[] Next()
        {
            switch (style)
            {
                case "poller":
                    _poller ??= NewPoller();
                    Assert.True(_poller.TryWait(out PollerEvent e, LongWaitMs), "the poller saw nothing");
                    Assert.Same(socket, e.Socket);
                    return TakeNow();
                case "zmq-poll":
                    Span<PollItem> items = [new PollItem(socket, PollEvents.PollIn)];
                    Assert.Equal(1, ZmqPoll.Poll(items, LongWaitMs));
                    return TakeNow();
                case "receive-async":
                    return Bounded(socket.ReceiveBytesAsync().AsTask());
                case "wait-to-receive-async":
                    Task ready = socket.WaitToReceiveAsync().AsTask();
                    Assert.True(ready.Wait(LongWaitMs), "WaitToReceiveAsync never completed");
                    return TakeNow();
                case "frames-async":
                    FrameStream.Enumerator frames = socket.ReceiveFramesAsync().GetAsyncEnumerator();
                    try
                    {
                        Assert.True(Bounded(frames.MoveNextAsync().AsTask()), "the frame stream ended");
                        Msg frame = frames.Current;
                        byte[] data = frame.ToArray();
                        frame.Close();
                        return data;
                    }
                    finally
                    {
                        Assert.True(frames.DisposeAsync().AsTask().Wait(LongWaitMs));
                    }
                case "zmq-fd":
                {
                    int fd = socket.GetFd();
                    var clock = Stopwatch.StartNew();
                    while ((socket.GetEvents() & PollEvents.PollIn) == 0)
                    {
                        int left = LongWaitMs - (int)clock.ElapsedMilliseconds;
                        Assert.True(left > 0, "ZMQ_FD never reported the message");
                        Span<PollItem> fdItems = [new PollItem(fd, PollEvents.PollIn)];
                        ZmqPoll.Poll(fdItems, left);
                    }
                    return TakeNow();
                }
                case "dontwait-loop":
                {
                    var clock = Stopwatch.StartNew();
                    byte[] data;
                    while (!socket.TryReceiveBytes(out data, ReceiveFlags.DontWait))
                    {
                        Assert.True(clock.ElapsedMilliseconds < LongWaitMs, "non-blocking receives never found the message");
                        Thread.Yield();
                    }
                    return data;
                }
                default:
                    throw new ArgumentException(style);
            }
        }

        /// <summary>A wait in this style that finds nothing (short timeout): it must still have armed the socket.</summary>
        public void WaitForNothing()
        {
            switch (style)
            {
                case "poller":
                    _poller ??= NewPoller();
                    Assert.False(_poller.TryWait(out _, 20));
                    break;
                case "zmq-poll":
                    Span<PollItem> items = [new PollItem(socket, PollEvents.PollIn)];
                    Assert.Equal(0, ZmqPoll.Poll(items, 20));
                    break;
                case "receive-async":
                case "wait-to-receive-async":
                    int saved = socket.GetOptionInt32(SocketOption.RcvTimeo);
                    socket.SetOption(SocketOption.RcvTimeo, 20);
                    try
                    {
                        Task wait = style == "receive-async" ? socket.ReceiveBytesAsync().AsTask() : socket.WaitToReceiveAsync().AsTask();
                        var error = Assert.IsType<ZmqException>(Assert.Throws<AggregateException>(() => wait.Wait(LongWaitMs)).InnerException);
                        Assert.Equal(ZmqError.EAGAIN, error.Error);
                    }
                    finally
                    {
                        socket.SetOption(SocketOption.RcvTimeo, saved);
                    }
                    break;
                case "zmq-fd":
                    socket.GetFd();
                    Assert.Equal(PollEvents.None, socket.GetEvents() & PollEvents.PollIn);
                    break;
                default:
                    throw new ArgumentException(style);
            }
        }

        private Poller NewPoller()
        {
            var poller = new Poller();
            poller.Add(socket, PollEvents.PollIn);
            return poller;
        }

        private byte[] TakeNow()
        {
            Assert.True(socket.TryReceiveBytes(out byte[] data, ReceiveFlags.DontWait), $"{style} reported a message that a non-blocking receive did not find");
            return data;
        }

        private static T Bounded<T>(Task<T> task)
        {
            Assert.True(task.Wait(LongWaitMs), "the async receive never completed");
            return task.Result;
        }

        public void Dispose() => _poller?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void After_a_lent_receive_another_wait_style_sees_the_next_message(IoBackend backend, string transport, string style)
    {
        const int rounds = 100;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull, LongWaitMs);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);

        // The sender sends message i when told to, and says when it has.
        using var go = new SemaphoreSlim(0);
        using var sent = new SemaphoreSlim(0);
        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < 2 * rounds; i++)
            {
                if (!go.Wait(LongWaitMs)) throw new TimeoutException($"the receiver never asked for message {i}");
                push.Send(DirectRead.Seq(i));
                sent.Release();
            }
        });

        using var waiter = new Waiter(pull, style);
        for (int round = 0; round < rounds; round++)
        {
            go.Release();
            Assert.Equal(2 * round, DirectRead.SeqOf(pull.ReceiveBytes())); // a blocking receive: it asks for the lease
            Assert.True(sent.Wait(LongWaitMs));
            go.Release();
            // Every other round the next message is on its way before the switch, else it is sent as the wait begins.
            if (round % 2 == 0) Assert.True(sent.Wait(LongWaitMs));
            Assert.Equal(2 * round + 1, DirectRead.SeqOf(waiter.Next()));
            if (round % 2 == 1) Assert.True(sent.Wait(LongWaitMs));
        }
        sender.WaitBounded("sender");
        Assert.Null(pull.TryRecvString());
    }

    [Theory]
    [MemberData(nameof(ArmingStyles))]
    public void A_wait_that_does_not_read_gives_the_lent_connection_back(IoBackend backend, string transport, string style)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull, LongWaitMs);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);
        using var waiter = new Waiter(pull, style);

        for (int round = 0; round < 5; round++)
        {
            DirectRead.EnsureLent(pull);
            waiter.WaitForNothing();
            Assert.False(DirectRead.IsLent(pull), $"round {round}: the connection was still lent after a {style} wait");
            // With the loop reading again, a message sent now reaches this style of wait.
            push.Send(DirectRead.Seq(round));
            Assert.Equal(round, DirectRead.SeqOf(waiter.Next()));
        }
    }

    // A blocking receive asks the loop to lend every connection it finds idle (Socket.Wait's spin,
    // PumpPipes(requestLend: true)) and may return with a message before the loop has lent them.
    // A poller or async wait then calls ReturnToLoop, which turns Requested back into Home. With
    // io_uring, TryLend's first pass has already paused the connection's multishot recv and waits
    // for the cancel to land; its second pass (RunLendWork after the poll) finds Home and does
    // nothing, so the connection stayed paused (fixed in 0b78bc9: the loop remembers that it
    // paused for a lend and resumes when the lend does not happen). Seen within seconds of this
    // loop on io_uring before the fix; never on epoll (whose TryLend completes in one pass).

    public static TheoryData<IoBackend, string> BackendsAndSwitches => new()
    {
        { IoBackend.Epoll, "poller" },
        { IoBackend.Epoll, "receive-async" },
        { IoBackend.IoUring, "poller" },
        { IoBackend.IoUring, "receive-async" },
    };

    [Theory]
    [MemberData(nameof(BackendsAndSwitches))]
    public void Switching_wait_style_right_after_a_blocking_receive_never_stalls_another_connection(IoBackend backend, string style)
    {
        const int durationMs = 10_000; // how long the race is given to show up, not a timing assertion
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        using Socket a = ctx.CreateStream(SocketType.Push);
        using Socket b = ctx.CreateStream(SocketType.Push);
        a.Connect(pull.LastEndpoint);
        b.Connect(pull.LastEndpoint);
        a.Send(DirectRead.Seq(-1));
        b.Send(DirectRead.Seq(-1));
        Assert.Equal(-1, DirectRead.SeqOf(pull.ReceiveBytes()));
        Assert.Equal(-1, DirectRead.SeqOf(pull.ReceiveBytes()));
        using var waiter = new Waiter(pull, style);

        var clock = Stopwatch.StartNew();
        for (int round = 0; clock.ElapsedMilliseconds < durationMs; round++)
        {
            // A's message ends a blocking receive that has just asked for the lease of both connections...
            a.Send(DirectRead.Seq(round));
            Assert.Equal(round, DirectRead.SeqOf(pull.ReceiveBytes()));
            // ...and B's must reach the wait that follows at once.
            b.Send(DirectRead.Seq(round));
            Assert.Equal(round, DirectRead.SeqOf(waiter.Next()));
        }
    }
}
