using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Tests.Reactor;

/// <summary>
/// What a heartbeat check relies on from the loop, on epoll and io_uring: bytes that came in
/// before a timer fell due reach the handler before the timer runs, and bytes a pause holds
/// back are still visible as unread.
/// </summary>
public sealed class HeartbeatEvidenceTests
{
    public static TheoryData<IoBackend> Backends => ReactorContractTests.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public void BytesThatCameBeforeATimerFellDueReachTheHandlerBeforeItRuns(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            loop.Run(() => loop.StartReceiving(loop.Register(fd, handler)));
            loop.Settle();
            int seenWhenFired = -1;
            var fired = new ManualResetEventSlim();
            var timeout = new IoTimer(() =>
            {
                seenWhenFired = handler.ReceivedCount;
                fired.Set();
            });
            byte[] data = ReactorKit.Pattern(100);
            // One turn of the loop that stalls: the peer's bytes arrive (a unix socket has them
            // readable as send returns), then the timer is due at once, as a heartbeat timeout
            // is after a long GC pause.
            loop.Run(() =>
            {
                Assert.True(TestNative.SendAll(peer, data));
                loop.Schedule(timeout, 0);
            });
            Assert.True(fired.Wait(TestSupport.TimeoutMs), "timer did not fire");
            Assert.Equal(data.Length, seenWhenFired);
            Assert.Empty(handler.Violations);
        }
        finally
        {
            LibC.Close(fd);
            LibC.Close(peer);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void BytesHeldBackByAPauseStayVisibleAsUnread(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            // The handler pauses itself on its first bytes, as a connection at its high-water
            // mark does, with more already on the way: io_uring's recv has taken some of them
            // before its cancel lands (they go to the backlog), the rest stay in the socket.
            var paused = new ManualResetEventSlim();
            handler.AfterReceive = _ =>
            {
                if (handler.Paused) return;
                handler.Paused = true;
                loop.PauseReceiving(registration);
                paused.Set();
            };
            byte[] data = ReactorKit.Pattern(1 << 20);
            Task<bool> sending = Task.Run(() => TestNative.SendAll(peer, data));
            loop.Run(() => loop.StartReceiving(registration));
            Assert.True(paused.Wait(TestSupport.TimeoutMs), "no bytes arrived");
            loop.Settle();
            Assert.True(handler.ReceivedCount < data.Length, "1 MiB should not fit one delivery");
            bool visible = loop.Run(() => loop.HoldsUnreadBytes(registration) || PeekOne(fd));
            Assert.True(visible, "bytes not yet delivered are neither in the socket nor held by the loop");
            loop.Run(() =>
            {
                handler.AfterReceive = null;
                handler.Paused = false;
                loop.ResumeReceiving(registration);
            });
            Assert.True(handler.WaitForBytes(data.Length), $"got {handler.ReceivedCount} of {data.Length} bytes");
            Assert.True(sending.Wait(TestSupport.TimeoutMs) && sending.Result, "the sender did not finish");
            Assert.False(loop.Run(() => loop.HoldsUnreadBytes(registration)), "the backlog was handed over");
            Assert.Equal(data, handler.Received());
            Assert.Empty(handler.Violations);
        }
        finally
        {
            LibC.Close(fd);
            LibC.Close(peer);
        }
    }

    internal static unsafe bool PeekOne(int fd)
    {
        byte probe;
        return LibC.recv(fd, &probe, 1, LibC.MSG_DONTWAIT | LibC.MSG_PEEK) > 0;
    }
}
