using System.Diagnostics;
using Zinc.Pipes;

namespace Zinc.Tests.Pipes;

public class WaitStrategyTests
{
    [Fact]
    public void Default_rounds_spin_for_a_bounded_time()
    {
        if (Environment.GetEnvironmentVariable("ZINC_SPIN_US") is not null) return; // the environment chose
        Assert.True(WaitStrategy.Default.SpinTimeLimitTicks < Stopwatch.Frequency); // well under a second
        Assert.True(new WaitStrategy(10).SpinTimeLimitTicks < Stopwatch.Frequency);
        // At least 50 µs: a limit of 0 once made every wait park after 16 rounds.
        Assert.True(WaitStrategy.Default.SpinTimeLimitTicks >= Stopwatch.Frequency / 20_000);
        Assert.Equal(new WaitStrategy(2000).SpinTimeLimitTicks, WaitStrategy.Default.SpinTimeLimitTicks);
    }

    [Fact]
    public void Rounds_raised_above_the_default_spin_without_a_time_limit()
    {
        if (Environment.GetEnvironmentVariable("ZINC_SPIN_US") is not null) return;
        Assert.Equal(long.MaxValue, new WaitStrategy(100_000_000).SpinTimeLimitTicks);
    }

    [Fact]
    public void A_default_wait_parks_after_four_contended_yields_a_busy_poll_wait_never()
    {
        if (Environment.GetEnvironmentVariable("ZINC_YIELD_LIMIT") is not null) return; // the environment chose
        if (Environment.GetEnvironmentVariable("ZINC_SPIN_US") is not null) return;
        Assert.Equal(4, WaitStrategy.Default.ContendedYieldLimit);
        Assert.Equal(4, new WaitStrategy(10).ContendedYieldLimit);
        Assert.Equal(int.MaxValue, new WaitStrategy(100_000_000).ContendedYieldLimit);
    }

    [Fact]
    public void Out_of_time_looks_at_the_clock_every_sixteen_rounds()
    {
        var strategy = new WaitStrategy(2000);
        long longAgo = Stopwatch.GetTimestamp() - 10 * Stopwatch.Frequency;
        if (strategy.SpinTimeLimitTicks == long.MaxValue) return;
        Assert.False(strategy.OutOfTime(0, longAgo));
        Assert.True(strategy.OutOfTime(15, longAgo));
        Assert.False(strategy.OutOfTime(15, Stopwatch.GetTimestamp()));
    }

    [Fact]
    public void Fine_rounds_never_yield_in_any_style()
    {
        // The first rounds poll without giving the core away: a reply already on its way is seen
        // at once, and a stream's writer keeps its core.
        for (int round = 0; round < 2; round++)
        {
            Assert.False(WaitStrategy.SpinOnce(round));
            Assert.False(WaitStrategy.SpinOnce(round, SpinStyle.Stream));
            Assert.False(WaitStrategy.SpinOnce(round, SpinStyle.Pumping));
        }
    }
}
