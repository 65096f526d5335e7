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

    /// <summary>One round of spinning; <paramref name="round"/> counts from 0.</summary>
    public static void SpinOnce(int round)
    {
        // On a loaded two-core machine the thread we wait for may be queued behind us on this
        // core: a pure spin would burn its time slice.
        // The first rounds poll finely, so a reply that is already on its way is seen within
        // tens of nanoseconds; later rounds back off, leaving the cache line to the writer.
        if (round < FineRounds) Thread.SpinWait(1 << (round >> 3)); // 1, 2, 4 ... 32
        else if (round % RoundsPerYield == RoundsPerYield - 1) Thread.Yield();
        else Thread.SpinWait(32);
    }
}
