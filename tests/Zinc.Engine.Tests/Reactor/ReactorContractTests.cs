using System.Net.Sockets;
using NetSocket = System.Net.Sockets.Socket;
using NetSocketType = System.Net.Sockets.SocketType;
using Zinc.Reactor;
using Zinc.Reactor.Native;
using Zinc.Reactor.Uring;

namespace Zinc.Tests.Reactor;

/// <summary>
/// The contract every <see cref="IoLoop"/> backend keeps, run against epoll and io_uring. An
/// unsupported io_uring fails these tests with the reason rather than skipping them.
/// </summary>
public sealed class ReactorContractTests
{
    public static TheoryData<IoBackend> Backends => new() { IoBackend.Epoll, IoBackend.IoUring };

    [Fact]
    public void IoUringIsAvailable() => Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);

    [Theory]
    [MemberData(nameof(Backends))]
    public void StreamArrivesCompleteAndInOrder(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            loop.Run(() => loop.StartReceiving(loop.Register(fd, handler)));
            byte[] data = ReactorKit.Pattern(1 << 20);
            Assert.True(TestNative.SendAll(peer, data));
            Assert.True(handler.WaitForBytes(data.Length), $"got {handler.ReceivedCount} of {data.Length} bytes");
            loop.Settle();
            Assert.Equal(data, handler.Received());
            Assert.True(loop.Run(() => handler.ReceiveCalls) > 1, "1 MiB should take more than one delivery");
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
    public void PauseHoldsBytesAndResumeDeliversThemInOrder(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            // Like a reader hitting its high-water mark: the handler pauses itself from inside
            // OnReceived every 64 KiB, with more data already on its way; the test resumes it.
            var pauses = new SemaphoreSlim(0);
            int nextPause = 64 * 1024;
            handler.AfterReceive = total =>
            {
                if (total < nextPause) return;
                nextPause = total + 64 * 1024;
                handler.Paused = true;
                loop.PauseReceiving(registration);
                pauses.Release();
            };
            loop.Run(() => loop.StartReceiving(registration));
            byte[] data = ReactorKit.Pattern(2 << 20);
            Task<bool> sender = Task.Run(() => TestNative.SendAll(peer, data));
            int rounds = 0;
            while (handler.ReceivedCount < data.Length)
            {
                if (!pauses.Wait(TestSupport.TimeoutMs)) break;
                rounds++;
                loop.Settle(); // completions racing the pause are reaped while paused
                loop.Run(() =>
                {
                    handler.Paused = false;
                    loop.ResumeReceiving(registration);
                });
            }
            Assert.True(sender.Wait(TestSupport.TimeoutMs) && sender.Result, "sender did not finish");
            Assert.True(handler.WaitForBytes(data.Length), $"got {handler.ReceivedCount} of {data.Length} bytes");
            loop.Settle();
            // How much one resume hands over depends on how much was in flight when the pause
            // landed (up to a socket buffer or more), so only require that pausing happened.
            Assert.True(rounds >= 2, $"only {rounds} pauses");
            Assert.Equal(data, handler.Received());
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
    public void PeerCloseWhilePausedIsReportedAfterTheData(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            loop.Run(() => loop.StartReceiving(registration));
            Assert.True(TestNative.SendAll(peer, ReactorKit.Pattern(1000)));
            Assert.True(handler.WaitForBytes(1000));
            loop.Run(() =>
            {
                handler.Paused = true;
                loop.PauseReceiving(registration);
            });
            byte[] data = ReactorKit.Pattern(5000);
            Assert.True(TestNative.SendAll(peer, data.AsSpan(1000)));
            LibC.Close(peer);
            peer = -1;
            loop.Settle();
            Assert.False(handler.Closed.IsSet, "closed reported while paused");
            loop.Run(() =>
            {
                handler.Paused = false;
                loop.ResumeReceiving(registration);
            });
            Assert.True(handler.Closed.Wait(TestSupport.TimeoutMs), "no OnReceiveClosed");
            Assert.Equal(0, handler.ClosedErrno);
            Assert.Equal(data, handler.Received());
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
    public void PeerCloseGivesReceiveClosedZero(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            loop.Run(() => loop.StartReceiving(loop.Register(fd, handler)));
            Assert.True(TestNative.SendAll(peer, ReactorKit.Pattern(100)));
            LibC.Close(peer);
            peer = -1;
            Assert.True(handler.Closed.Wait(TestSupport.TimeoutMs), "no OnReceiveClosed");
            Assert.Equal(0, handler.ClosedErrno);
            loop.Settle();
            Assert.Equal(ReactorKit.Pattern(100), handler.Received());
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
    public void AcceptDeliversWorkingDescriptors(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int listener, int port) = TestNative.TcpListener();
        var clients = new List<NetSocket>();
        try
        {
            var handler = new RecordingHandler(loop);
            loop.Run(() => loop.StartAccepting(loop.Register(listener, handler)));
            for (int i = 0; i < 3; i++)
            {
                var client = new NetSocket(AddressFamily.InterNetwork, NetSocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = TestSupport.TimeoutMs };
                clients.Add(client);
                client.Connect(System.Net.IPAddress.Loopback, port);
                Assert.True(handler.Accepted.TryTake(out int fd, TestSupport.TimeoutMs), $"connection {i} not accepted");
                try
                {
                    Assert.NotEqual(0, TestNative.fcntl(fd, TestNative.F_GETFL, 0) & TestNative.O_NONBLOCK);
                    byte[] hello = [1, 2, 3, (byte)i];
                    Assert.True(TestNative.SendAll(fd, hello));
                    byte[] got = new byte[4];
                    int n = 0;
                    while (n < 4) n += client.Receive(got, n, 4 - n, SocketFlags.None);
                    Assert.Equal(hello, got);
                }
                finally
                {
                    LibC.Close(fd);
                }
            }
            Assert.Empty(handler.AcceptFailures);
            Assert.Empty(handler.Violations);
        }
        finally
        {
            foreach (NetSocket client in clients) client.Dispose();
            LibC.Close(listener);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void WaitWritableFiresWhenRoomAppears(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            loop.Run(() => loop.WaitWritable(registration));
            Assert.True(handler.Writable.Wait(TestSupport.TimeoutMs), "an empty socket should be writable");

            // Fill the socket, ask again, then make room from the peer's side.
            int filled = ReactorKit.FillUntilFull(fd);
            handler.Writable.Reset();
            loop.Run(() => loop.WaitWritable(registration));
            byte[] sink = new byte[64 * 1024];
            for (int drained = 0; drained < filled && !handler.Writable.IsSet;)
            {
                int n = TestNative.Receive(peer, sink);
                Assert.True(n > 0, $"draining failed: {n}");
                drained += n;
            }
            Assert.True(handler.Writable.Wait(TestSupport.TimeoutMs), "OnWritable did not come after draining");
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
    public void UnregisterStopsCallbacksAndReleasesTheSocket(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            loop.Run(() => loop.StartReceiving(registration));
            Assert.True(TestNative.SendAll(peer, ReactorKit.Pattern(100)));
            Assert.True(handler.WaitForBytes(100));
            // Pause with data pending too, so a backlog exists when the registration goes.
            loop.Run(() =>
            {
                handler.Paused = true;
                loop.PauseReceiving(registration);
            });
            Assert.True(TestNative.SendAll(peer, ReactorKit.Pattern(100)));
            loop.Run(() =>
            {
                loop.ResumeReceiving(registration);
                loop.WaitWritable(registration);
                handler.Unregistered = true;
                loop.Unregister(registration);
            });
            LibC.Close(fd);
            fd = -1;
            // The peer sees the close (EOF, or a reset when unread bytes were left in the socket)
            // rather than a timeout: nothing in the loop still holds the socket open.
            int seen = TestNative.Receive(peer, new byte[16]);
            Assert.True(seen == 0 || seen == -LibC.ECONNRESET, $"peer got {seen} instead of the close");
            TestNative.SendAll(peer, ReactorKit.Pattern(100)); // EPIPE, or lands nowhere
            loop.Settle();
            Assert.Empty(handler.Violations);
            // The slot is reused by a new registration, which must see only its own events.
            (int fd2, int peer2) = TestNative.SocketPair();
            try
            {
                var second = new RecordingHandler(loop);
                loop.Run(() => loop.StartReceiving(loop.Register(fd2, second)));
                Assert.True(TestNative.SendAll(peer2, ReactorKit.Pattern(300)));
                Assert.True(second.WaitForBytes(300));
                loop.Settle();
                Assert.Equal(ReactorKit.Pattern(300), second.Received());
                Assert.Empty(second.Violations);
            }
            finally
            {
                LibC.Close(fd2);
                LibC.Close(peer2);
            }
        }
        finally
        {
            LibC.Close(fd);
            LibC.Close(peer);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void ManyDescriptorsStartedInOneTurnAllReceive(IoBackend backend)
    {
        // More than the io_uring submission queue holds (256), so arming has to submit midway.
        const int Count = 300;
        using IoLoop loop = ReactorKit.Start(backend);
        var pairs = new (int Fd, int Peer)[Count];
        var handlers = new RecordingHandler[Count];
        try
        {
            for (int i = 0; i < Count; i++)
            {
                pairs[i] = TestNative.SocketPair();
                handlers[i] = new RecordingHandler(loop);
            }
            loop.Run(() =>
            {
                for (int i = 0; i < Count; i++) loop.StartReceiving(loop.Register(pairs[i].Fd, handlers[i]));
            });
            for (int i = 0; i < Count; i++) Assert.True(TestNative.SendAll(pairs[i].Peer, [(byte)i, (byte)(i >> 8)]));
            for (int i = 0; i < Count; i++)
            {
                Assert.True(handlers[i].WaitForBytes(2), $"descriptor {i} got nothing");
                Assert.Equal(new[] { (byte)i, (byte)(i >> 8) }, handlers[i].Received());
                Assert.Empty(handlers[i].Violations);
            }
        }
        finally
        {
            foreach ((int fd, int peer) in pairs)
            {
                if (fd > 0) LibC.Close(fd);
                if (peer > 0) LibC.Close(peer);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void PostFromOtherThreadsWakesABlockedLoop(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend, spinMicroseconds: 0);
        for (int i = 0; i < 20; i++)
        {
            bool onLoop = Task.Run(() => loop.Run(() => loop.IsLoopThread)).Result;
            Assert.True(onLoop);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TimersFireAndCancelledOnesDoNot(IoBackend backend)
    {
        using IoLoop loop = ReactorKit.Start(backend, spinMicroseconds: 0);
        var fired = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var last = new ManualResetEventSlim();
        var first = new IoTimer(() => fired.Enqueue("first"));
        var cancelled = new IoTimer(() => fired.Enqueue("cancelled"));
        var third = new IoTimer(() =>
        {
            fired.Enqueue("third");
            last.Set();
        });
        loop.Run(() =>
        {
            loop.Schedule(first, 5);
            loop.Schedule(cancelled, 10);
            loop.Schedule(third, 30);
            IoLoop.Cancel(cancelled);
        });
        Assert.True(last.Wait(TestSupport.TimeoutMs), "timer did not fire");
        Assert.Equal(new[] { "first", "third" }, fired.ToArray());
    }
}
