using System.Diagnostics;
using System.Runtime.InteropServices;
using Zinc.Polling;

namespace Zinc.Tests.Polling;

public sealed partial class PollerTests
{
    private static (Socket Pull, Socket Push) PushPull(Context ctx)
    {
        Socket pull = ctx.Create(SocketType.Pull);
        Socket push = ctx.Create(SocketType.Push);
        string ep = TestSupport.Inproc("poll");
        pull.Bind(ep);
        push.Connect(ep);
        return (pull, push);
    }

    private static PollEvents PollOnce(Socket socket, PollEvents events)
    {
        using var poller = new Poller();
        poller.Add(socket, events);
        return poller.TryWait(out PollerEvent e, 0) ? e.Events : PollEvents.None;
    }

    // ---- readiness ----

    [Fact]
    public void Pollin_is_reported_when_a_message_is_waiting_and_not_otherwise()
    {
        using var ctx = new Context();
        var (pull, push) = PushPull(ctx);
        using Socket pullOwned = pull;
        using Socket pushOwned = push;
        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn, "pull");
        Span<PollerEvent> events = new PollerEvent[4];

        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[4], 0)));
        push.SendString("hello");
        Assert.Equal(1, poller.Wait(events, TestSupport.TimeoutMs));
        Assert.Same(pull, events[0].Socket);
        Assert.Equal(PollEvents.PollIn, events[0].Events);
        Assert.Equal("pull", events[0].UserData);

        // Level-triggered: still reported until the message is taken.
        Assert.Equal(1, poller.Wait(events, 0));
        Assert.Equal("hello", pull.RecvString());
        Assert.False(poller.TryWait(out _, 0));
    }

    [Fact]
    public void Pollout_is_reported_on_a_push_with_a_peer_with_credit_and_not_without_a_peer()
    {
        using var ctx = new Context();
        using var lonely = ctx.Create(SocketType.Push);
        lonely.Bind(TestSupport.Inproc("nobody"));
        Assert.Equal(PollEvents.None, PollOnce(lonely, PollEvents.PollOut));

        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.SndHwm, 1);
        pull.SetOption(SocketOption.RcvHwm, 1);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        Assert.Equal(PollEvents.PollOut, PollOnce(push, PollEvents.PollOut | PollEvents.PollIn));

        // Use up the credit: no POLLOUT until the peer reads.
        int sent = 0;
        while (push.TrySend("x"u8, SendFlags.DontWait)) Assert.True(++sent < 100);
        Assert.Equal(PollEvents.None, PollOnce(push, PollEvents.PollOut));
        Assert.Equal("x", pull.RecvString());
        Assert.Equal(PollEvents.PollOut, PollOnce(push, PollEvents.PollOut));
    }

    [Fact]
    public void Pollout_blocked_on_credit_is_woken_when_the_peer_reads_on_another_thread()
    {
        using var ctx = new Context { SpinIterations = 0 };
        using var pull = ctx.Create(SocketType.Pull);
        using var push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.SndHwm, 1);
        pull.SetOption(SocketOption.RcvHwm, 1);
        string ep = TestSupport.Inproc();
        pull.Bind(ep);
        push.Connect(ep);
        while (push.TrySend("x"u8, SendFlags.DontWait)) { }
        using var poller = new Poller();
        poller.Add(push, PollEvents.PollOut);

        Task reader = TestSupport.RunBounded(() => pull.RecvString());
        Assert.True(poller.TryWait(out PollerEvent e, TestSupport.TimeoutMs));
        Assert.Equal(PollEvents.PollOut, e.Events);
        reader.WaitBounded("reader");
    }

    [Fact]
    public void Several_sockets_only_the_ready_ones_are_reported()
    {
        using var ctx = new Context();
        var (pullA, pushA) = PushPull(ctx);
        var (pullB, pushB) = PushPull(ctx);
        var (pullC, pushC) = PushPull(ctx);
        Socket[] all = [pullA, pushA, pullB, pushB, pullC, pushC];
        try
        {
            using var poller = new Poller();
            poller.Add(pullA, PollEvents.PollIn, "A");
            poller.Add(pullB, PollEvents.PollIn, "B");
            poller.Add(pullC, PollEvents.PollIn, "C");
            Assert.Equal(3, poller.Size);
            pushA.SendString("a");
            pushC.SendString("c");

            Span<PollerEvent> events = new PollerEvent[8];
            int n = poller.Wait(events, TestSupport.TimeoutMs);
            // Both are queued before the wait, and inproc delivery is immediate.
            Assert.Equal(2, n);
            Assert.Equal(new[] { "A", "C" }, events[..n].ToArray().Select(e => (string)e.UserData!));

            // Fewer slots than ready items: the first ones in registration order.
            Assert.Equal(1, poller.Wait(events[..1], 0));
            Assert.Same(pullA, events[0].Socket);

            poller.Remove(pullA);
            Assert.Equal(2, poller.Size);
            Assert.Equal(1, poller.Wait(events, 0));
            Assert.Same(pullC, events[0].Socket);

            poller.Modify(pullC, PollEvents.None);
            Assert.False(poller.TryWait(out _, 0));
            poller.Modify(pullC, PollEvents.PollIn);
            Assert.True(poller.TryWait(out PollerEvent again, 0));
            Assert.Same(pullC, again.Socket);
        }
        finally
        {
            foreach (Socket s in all) s.Dispose();
        }
    }

    // ---- blocking and timeouts ----

    [Fact]
    public void Poll_blocks_until_a_message_arrives_from_another_thread()
    {
        using var ctx = new Context { SpinIterations = 0 };
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc();
        a.Bind(ep);
        b.Connect(ep);
        const int Rounds = 300;

        // Ping-pong where each side polls before receiving: any lost wake-up shows up as a hang
        // (bounded) or as a slow round.
        Task peer = TestSupport.RunBounded(() =>
        {
            using var poller = new Poller();
            poller.Add(b, PollEvents.PollIn);
            for (int i = 0; i < Rounds; i++)
            {
                Assert.True(poller.TryWait(out _, TestSupport.TimeoutMs));
                b.SendString(b.RecvString());
            }
        });
        using (var poller = new Poller())
        {
            poller.Add(a, PollEvents.PollIn);
            for (int i = 0; i < Rounds; i++)
            {
                a.SendString($"m{i}");
                Assert.True(poller.TryWait(out PollerEvent e, TestSupport.TimeoutMs));
                Assert.Equal(PollEvents.PollIn, e.Events);
                Assert.Equal($"m{i}", a.RecvString());
            }
        }
        peer.WaitBounded("peer");
    }

    [Fact]
    public void Timeout_zero_returns_immediately()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn);
        var watch = Stopwatch.StartNew();
        Assert.False(poller.TryWait(out _, 0));
        Span<PollItem> items = [new PollItem(pull, PollEvents.PollIn)];
        Assert.Equal(0, ZmqPoll.Poll(items, 0));
        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Timeout_expiry_gives_EAGAIN_from_the_poller_and_zero_from_zmq_poll()
    {
        using var ctx = new Context();
        using var pull = ctx.Create(SocketType.Pull);
        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn);

        var watch = Stopwatch.StartNew();
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[1], 60)));
        // The tick clock is coarse (a few ms); what matters is that it waited, not returned at once.
        Assert.True(watch.ElapsedMilliseconds >= 40, $"returned after {watch.ElapsedMilliseconds} ms");

        watch.Restart();
        Span<PollItem> items = [new PollItem(pull, PollEvents.PollIn)];
        Assert.Equal(0, ZmqPoll.Poll(items, 60));
        Assert.True(watch.ElapsedMilliseconds >= 40, $"returned after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(PollEvents.None, items[0].ReturnedEvents);
    }

    [Fact]
    public void Empty_poller_waits_for_the_timeout_then_EAGAIN_and_refuses_an_endless_wait()
    {
        using var poller = new Poller();
        var watch = Stopwatch.StartNew();
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[1], 30)));
        Assert.True(watch.ElapsedMilliseconds >= 20, $"returned after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(ZmqError.EFAULT, TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[1], -1)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Wait(Span<PollerEvent>.Empty, 0)));
        Assert.Equal(0, ZmqPoll.Poll(Span<PollItem>.Empty, 10));
    }

    // ---- plain file descriptors ----

    [Fact]
    public void A_plain_fd_is_reported_readable_once_written_mixed_with_a_socket()
    {
        using var ctx = new Context();
        var (pull, push) = PushPull(ctx);
        using Socket pullOwned = pull;
        using Socket pushOwned = push;
        using var efd = new EventFd();
        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn, "socket");
        poller.Add(efd.Fd, PollEvents.PollIn, "fd");
        Span<PollerEvent> events = new PollerEvent[4];

        Assert.False(poller.TryWait(out _, 0));
        efd.Notify();
        Assert.Equal(1, poller.Wait(events, TestSupport.TimeoutMs));
        Assert.Null(events[0].Socket);
        Assert.Equal(efd.Fd, events[0].Fd);
        Assert.Equal(PollEvents.PollIn, events[0].Events);
        Assert.Equal("fd", events[0].UserData);

        push.SendString("m");
        Assert.Equal(2, poller.Wait(events, TestSupport.TimeoutMs));
        Assert.Equal(new[] { "socket", "fd" }, events[..2].ToArray().Select(e => (string)e.UserData!));

        efd.Clear();
        Assert.Equal("m", pull.RecvString());
        Assert.False(poller.TryWait(out _, 0));

        // The zmq_poll form over the same pair.
        efd.Notify();
        Span<PollItem> items = [new PollItem(pull, PollEvents.PollIn), new PollItem(efd.Fd, PollEvents.PollIn | PollEvents.PollOut)];
        Assert.Equal(1, ZmqPoll.Poll(items, TestSupport.TimeoutMs));
        Assert.Equal(PollEvents.None, items[0].ReturnedEvents);
        Assert.Equal(PollEvents.PollIn | PollEvents.PollOut, items[1].ReturnedEvents);
    }

    [Fact]
    public void A_pipe_is_readable_after_a_write_and_reports_POLLERR_after_hang_up()
    {
        var (readEnd, writeEnd) = MakePipe();
        try
        {
            using var poller = new Poller();
            poller.Add(readEnd, PollEvents.PollIn);
            Assert.False(poller.TryWait(out _, 0));
            WriteByte(writeEnd);
            Assert.True(poller.TryWait(out PollerEvent e, TestSupport.TimeoutMs));
            Assert.Equal(PollEvents.PollIn, e.Events);
            Assert.Equal(readEnd, e.Fd);

            Close(writeEnd);
            writeEnd = -1;
            Assert.True(poller.TryWait(out e, TestSupport.TimeoutMs));
            Assert.Equal(PollEvents.PollIn | PollEvents.PollErr, e.Events);
        }
        finally
        {
            Close(readEnd);
            if (writeEnd >= 0) Close(writeEnd);
        }
    }

    [Fact]
    public void A_socket_wakes_a_poller_blocked_in_poll2_on_a_descriptor()
    {
        using var ctx = new Context { SpinIterations = 0 };
        var (pull, push) = PushPull(ctx);
        using Socket pullOwned = pull;
        using Socket pushOwned = push;
        using var efd = new EventFd();
        using var poller = new Poller();
        poller.Add(efd.Fd, PollEvents.PollIn, "fd");
        poller.Add(pull, PollEvents.PollIn, "socket");

        for (int round = 0; round < 50; round++)
        {
            Task sender = TestSupport.RunBounded(() => push.SendString($"r{round}"));
            Assert.True(poller.TryWait(out PollerEvent e, TestSupport.TimeoutMs));
            Assert.Same(pull, e.Socket);
            Assert.Equal($"r{round}", pull.RecvString());
            sender.WaitBounded("sender");
        }

        // And the other way round: a descriptor written by another thread wakes a wait that
        // also watches a socket.
        Task writer = TestSupport.RunBounded(efd.Notify);
        Assert.True(poller.TryWait(out PollerEvent fdEvent, TestSupport.TimeoutMs));
        Assert.Equal("fd", fdEvent.UserData);
        writer.WaitBounded("writer");
    }

    [Fact]
    public void Waiting_allocates_nothing_in_the_steady_state()
    {
        using var ctx = new Context();
        var (pull, push) = PushPull(ctx);
        using Socket pullOwned = pull;
        using Socket pushOwned = push;
        using var efd = new EventFd();
        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn);
        poller.Add(efd.Fd, PollEvents.PollIn);
        PollerEvent[] events = new PollerEvent[2];
        PollItem[] items = [new PollItem(pull, PollEvents.PollIn), new PollItem(efd.Fd, PollEvents.PollIn)];

        // Counts how many items each call found; asserts stay outside the measured loops
        // because the assertion library allocates.
        int Round()
        {
            int found = poller.TryWait(out _, 0) ? 1 : 0;
            found += poller.TryWait(out _, 0) ? poller.Wait(events, 0) : 0;
            found += ZmqPoll.Poll(items, 0);
            return found;
        }

        push.SendString("m");
        efd.Notify();
        Assert.Equal(5, Round()); // warm-up: the first calls size the arrays
        pull.RecvString();
        efd.Clear();
        Assert.Equal(0, Round());

        int total = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) total += Round();
        long idleBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, total);

        push.SendString("m");
        efd.Notify();
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) total += Round();
        long readyBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(500, total);
        Assert.Equal(0, idleBytes);
        Assert.Equal(0, readyBytes);
    }

    // ---- registration errors ----

    [Fact]
    public void Adding_twice_or_removing_an_unknown_item_is_EINVAL()
    {
        using var ctx = new Context();
        using var a = ctx.Create(SocketType.Pair);
        using var b = ctx.Create(SocketType.Pair);
        using var efd = new EventFd();
        using var poller = new Poller();
        poller.Add(a, PollEvents.PollIn);
        poller.Add(efd.Fd, PollEvents.PollIn);

        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Add(a, PollEvents.PollOut)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Add(efd.Fd, PollEvents.PollOut)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Remove(b)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Remove(efd.Fd + 1000)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Modify(b, PollEvents.PollIn)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Modify(efd.Fd + 1000, PollEvents.PollIn)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Add(-1, PollEvents.PollIn)));
        Assert.Equal(2, poller.Size);

        poller.Remove(a);
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => poller.Remove(a)));
        poller.Add(a, PollEvents.PollIn);
        Assert.Equal(2, poller.Size);

        b.Dispose();
        Assert.Equal(ZmqError.ENOTSOCK, TestSupport.ErrorOf(() => poller.Add(b, PollEvents.PollIn)));
    }

    // ---- termination ----

    [Fact]
    public void Context_shutdown_while_waiting_gives_ETERM()
    {
        using var ctx = new Context { SpinIterations = 0 };
        using var pull = ctx.Create(SocketType.Pull);
        using var efd = new EventFd();
        using var started = new ManualResetEventSlim();
        ZmqError pollerError = ZmqError.None;
        ZmqError zmqPollError = ZmqError.None;

        Task waiter = TestSupport.RunBounded(() =>
        {
            using var poller = new Poller();
            poller.Add(pull, PollEvents.PollIn);
            started.Set();
            pollerError = TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[1], TestSupport.TimeoutMs));
            // zmq_poll too, with a descriptor so the check is made around poll(2).
            PollItem[] items = [new PollItem(pull, PollEvents.PollIn), new PollItem(efd.Fd, PollEvents.PollIn)];
            zmqPollError = TestSupport.ErrorOf(() => ZmqPoll.Poll(items, TestSupport.TimeoutMs));
        });
        Assert.True(started.Wait(TestSupport.TimeoutMs));
        ctx.Shutdown();
        waiter.WaitBounded("waiter");
        Assert.Equal(ZmqError.ETERM, pollerError);
        Assert.Equal(ZmqError.ETERM, zmqPollError);
    }

    [Fact]
    public void Context_shutdown_wakes_a_poller_blocked_in_poll2()
    {
        using var ctx = new Context { SpinIterations = 0 };
        using var pull = ctx.Create(SocketType.Pull);
        using var efd = new EventFd();
        using var poller = new Poller();
        poller.Add(efd.Fd, PollEvents.PollIn);
        poller.Add(pull, PollEvents.None);

        Task stopper = TestSupport.RunBounded(ctx.Shutdown);
        Assert.Equal(ZmqError.ETERM, TestSupport.ErrorOf(() => poller.Wait(new PollerEvent[1], TestSupport.TimeoutMs)));
        stopper.WaitBounded("shutdown");
    }

    // ---- pipe(2) for the descriptor tests ----

    private static unsafe (int Read, int Write) MakePipe()
    {
        int* fds = stackalloc int[2];
        Assert.Equal(0, pipe(fds));
        return (fds[0], fds[1]);
    }

    private static unsafe void WriteByte(int fd)
    {
        byte b = 1;
        Assert.Equal(1, (int)write(fd, &b, 1));
    }

    private static void Close(int fd) => Assert.Equal(0, close(fd));

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int pipe(int* fds);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(int fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
