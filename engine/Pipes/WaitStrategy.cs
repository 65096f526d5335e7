namespace Zinc.Pipes;

/// <summary>
/// How a blocked thread waits for a wake-up: spin a bounded number of rounds (a hand-off between
/// cores costs ~0.1 µs in these VMs, a futex round trip ~60 µs), yielding the core every few
/// rounds so a peer thread that shares it can make progress, then park. Chosen per context.
/// </summary>
internal sealed class WaitStrategy
{
    /// <summary>About 50-100 µs of spinning on this machine kind before parking.</summary>
    public static readonly WaitStrategy Default = new(spinIterations: 2000);

    // Every round past the fine ones yields: with network peers four threads share two cores
    // (an application and an IO thread per process), and the IO thread that will bring the
    // message must get the core quickly (tcp latency 25-43 µs with a yield every 4th round,
    // 20-30 µs with every round; inproc unchanged).
    private const int RoundsPerYield = 1;
    private const int FineRounds = 48;

    public WaitStrategy(int spinIterations)
    {
        SpinIterations = Math.Max(0, spinIterations);
    }

    /// <summary>Rounds spun before parking; 0 parks at once.</summary>
    public int SpinIterations { get; }

    /// <summary>
    /// Yields that handed the core to another thread before a spinning wait gives up and parks.
    /// A yield that switches means another thread was waiting for this core: the machine has
    /// more runnable threads than cores (a CURVE stream's IO threads busy with cryptography,
    /// say), so spinning on takes time from the threads doing the work. A yield that finds
    /// nobody costs nothing, and a latency-bound wait keeps spinning.
    /// </summary>
    public static readonly int ContendedYieldLimit =
        int.TryParse(Environment.GetEnvironmentVariable("ZINC_YIELD_LIMIT"), out int limit) ? limit : 4;

    /// <summary>
    /// One round of spinning; <paramref name="round"/> counts from 0. True when the round yielded
    /// and another thread ran (the caller counts those against <see cref="ContendedYieldLimit"/>).
    /// </summary>
    public static bool SpinOnce(int round)
    {
        // On a loaded two-core machine the thread we wait for may be queued behind us on this
        // core: a pure spin would burn its time slice.
        // The first rounds poll finely, so a reply that is already on its way is seen within
        // tens of nanoseconds; later rounds back off, leaving the cache line to the writer.
        if (round < FineRounds) Thread.SpinWait(1 << (round >> 3)); // 1, 2, 4 ... 32
        else if (round % RoundsPerYield == RoundsPerYield - 1) return Thread.Yield();
        else Thread.SpinWait(32);
        return false;
    }
}
