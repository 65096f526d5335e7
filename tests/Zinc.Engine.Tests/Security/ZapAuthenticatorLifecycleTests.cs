using System.Diagnostics;

namespace Zinc.Tests.Security;

/// <summary>Starting, stopping and context termination of <see cref="ZapAuthenticator"/>.</summary>
public class ZapAuthenticatorLifecycleTests
{
    [Fact]
    public void SecondHandlerInTheSameContextFailsWithAddressInUse()
    {
        using var zap = new ZapAuthenticatorHarness();
        using var second = new ZapAuthenticator(zap.Context);
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(second.Start));
        Assert.False(second.IsRunning);
        Assert.Equal("200", zap.Null().Status);
    }

    [Fact]
    public void HandlersInDifferentContextsAreIndependent()
    {
        using var a = new ZapAuthenticatorHarness();
        using var b = new ZapAuthenticatorHarness(auth => auth.Deny("127.0.0.1"));
        Assert.Equal("200", a.Null().Status);
        Assert.Equal("400", b.Null().Status);
    }

    [Fact]
    public void StartTwiceIsAnError()
    {
        using var zap = new ZapAuthenticatorHarness();
        Assert.Throws<InvalidOperationException>(zap.Auth.Start);
    }

    [Fact]
    public void DisposeStopsPromptlyAndUnbinds()
    {
        using var context = new Context();
        var auth = new ZapAuthenticator(context);
        auth.Start();
        Assert.True(auth.IsRunning);
        var clock = Stopwatch.StartNew();
        auth.Dispose();
        Assert.False(auth.IsRunning);
        Assert.True(clock.ElapsedMilliseconds < TestSupport.TimeoutMs, $"Dispose took {clock.ElapsedMilliseconds} ms");
        auth.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(auth.Start);

        using var next = new ZapAuthenticator(context);
        next.Start();
        Assert.True(next.IsRunning);
    }

    [Fact]
    public void DisposeWithoutStartIsHarmless()
    {
        using var context = new Context();
        new ZapAuthenticator(context).Dispose();
        Assert.Equal(0, context.SocketCount);
    }

    [Fact]
    public void ContextTerminationStopsTheHandler()
    {
        var context = new Context();
        using var auth = new ZapAuthenticator(context);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        auth.Log = lines.Enqueue;
        auth.Start();
        TestSupport.RunBounded(context.Terminate).WaitBounded("context termination with a running authenticator");
        Assert.True(context.IsTerminated);
        Assert.Contains(lines, l => l.Contains("terminated"));
    }

    [Fact]
    public void DisposeFromOverrideDoesNotDeadlock()
    {
        using var zap = new ZapAuthenticatorHarness();
        zap.Auth.Override = (_, reply) =>
        {
            zap.Auth.Dispose();
            return reply;
        };
        Assert.Equal("200", zap.Null().Status);
    }
}
