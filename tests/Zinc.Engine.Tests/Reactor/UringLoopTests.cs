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
    public void ReportsTheSetupTheKernelAccepted()
    {
        Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);
        using var loop = new UringLoop("uring-flags");
        loop.Start(null);
        Assert.NotEqual(0u, UringLoop.LastSetupFlags);
        Assert.Contains("io_uring", IoLoopFactory.Describe(IoBackend.IoUring));
    }
}
