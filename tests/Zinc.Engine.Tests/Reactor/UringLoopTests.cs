using Zinc.Reactor;
using Zinc.Reactor.Native;
using Zinc.Reactor.Uring;

namespace Zinc.Tests.Reactor;

/// <summary>io_uring-only behaviour the contract tests cannot reach.</summary>
public sealed class UringLoopTests
{
    [Fact]
    public void RunningOutOfProvidedBuffersRearmsWithoutLosingBytes()
    {
        Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);
        // Four 1 KiB buffers: a 1 MiB stream ends the multishot recv with ENOBUFS over and over.
        using var loop = new UringLoop("uring-small", 4, 1024);
        loop.Start(null);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            loop.Run(() => loop.StartReceiving(loop.Register(fd, handler)));
            byte[] data = new byte[1 << 20];
            new Random(7).NextBytes(data);
            Task<bool> sender = Task.Run(() => TestNative.SendAll(peer, data));
            Assert.True(handler.WaitForBytes(data.Length), $"got {handler.ReceivedCount} of {data.Length} bytes");
            Assert.True(sender.Wait(TestSupport.TimeoutMs) && sender.Result);
            loop.Settle();
            Assert.Equal(data, handler.Received());
            Assert.Empty(handler.Violations);
        }
        finally
        {
            LibC.Close(fd);
            LibC.Close(peer);
        }
    }

    [Fact]
    public void BytesInThePauseBacklogCountAsUnread()
    {
        Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);
        // 1 KiB buffers and 8 KiB already waiting: the multishot recv takes it all in eight
        // completions at once; the handler pauses on the first, so the other seven land in the
        // backlog and the socket is left empty. A heartbeat check must still see them.
        using var loop = new UringLoop("uring-backlog", 16, 1024);
        loop.Start(null);
        (int fd, int peer) = TestNative.SocketPair();
        try
        {
            var handler = new RecordingHandler(loop);
            IoRegistration registration = loop.Run(() => loop.Register(fd, handler));
            handler.AfterReceive = _ =>
            {
                if (handler.Paused) return;
                handler.Paused = true;
                loop.PauseReceiving(registration);
            };
            byte[] data = new byte[8 * 1024];
            new Random(11).NextBytes(data);
            Assert.True(TestNative.SendAll(peer, data));
            loop.Run(() => loop.StartReceiving(registration));
            loop.Settle();
            int received = handler.ReceivedCount;
            Assert.True(received is > 0 and < 8 * 1024, $"{received} bytes delivered before the pause");
            Assert.True(loop.Run(() => loop.HoldsUnreadBytes(registration) || HeartbeatEvidenceTests.PeekOne(fd)),
                "bytes not yet delivered are neither in the socket nor held by the loop");
            loop.Run(() =>
            {
                handler.AfterReceive = null;
                handler.Paused = false;
                loop.ResumeReceiving(registration);
            });
            Assert.True(handler.WaitForBytes(data.Length), $"got {handler.ReceivedCount} of {data.Length} bytes");
            Assert.False(loop.Run(() => loop.HoldsUnreadBytes(registration)));
            Assert.Equal(data, handler.Received());
            Assert.Empty(handler.Violations);
        }
        finally
        {
            LibC.Close(fd);
            LibC.Close(peer);
        }
    }

    [Fact]
    public void ReportsTheSetupTheKernelAccepted()
    {
        Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);
        using var loop = new UringLoop("uring-flags");
        loop.Start(null);
        Assert.NotEqual(0u, UringLoop.LastSetupFlags);
        Assert.Contains("io_uring", IoLoopFactory.Describe(IoBackend.IoUring));
    }
}
