using Zinc.Reactor;
using Zinc.Reactor.Uring;

namespace Zinc.Tests.Reactor;

public sealed class IoLoopFactoryTests
{
    [Fact]
    public void ExplicitChoicesAreHonoured()
    {
        Assert.Equal(IoBackend.Epoll, IoLoopFactory.Resolve(IoBackend.Epoll));
        Assert.True(UringLoop.IsSupported, UringLoop.UnsupportedReason);
        Assert.Equal(IoBackend.IoUring, IoLoopFactory.Resolve(IoBackend.IoUring));
        using IoLoop loop = IoLoopFactory.Create("factory-test", IoBackend.Epoll);
        Assert.Equal("epoll", loop.Backend);
    }

    [Fact]
    public void AutoFollowsTheEnvironmentVariable()
    {
        string? saved = Environment.GetEnvironmentVariable(IoLoopFactory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(IoLoopFactory.EnvironmentVariable, "epoll");
            Assert.Equal(IoBackend.Epoll, IoLoopFactory.Resolve(IoBackend.Auto));
            Assert.StartsWith("epoll", IoLoopFactory.Describe(IoBackend.Auto));
            Environment.SetEnvironmentVariable(IoLoopFactory.EnvironmentVariable, "io_uring");
            Assert.Equal(UringLoop.IsSupported ? IoBackend.IoUring : IoBackend.Epoll, IoLoopFactory.Resolve(IoBackend.Auto));
            Environment.SetEnvironmentVariable(IoLoopFactory.EnvironmentVariable, null);
            Assert.Equal(UringLoop.IsSupported ? IoBackend.IoUring : IoBackend.Epoll, IoLoopFactory.Resolve(IoBackend.Auto));
            Assert.StartsWith(UringLoop.IsSupported ? "io_uring" : "epoll", IoLoopFactory.Describe(IoBackend.Auto));
        }
        finally
        {
            Environment.SetEnvironmentVariable(IoLoopFactory.EnvironmentVariable, saved);
        }
    }
}
