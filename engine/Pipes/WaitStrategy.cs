namespace Zinc.Pipes;

/// <summary>
/// How a blocked thread waits for a wake-up: spin a bounded number of rounds (a hand-off between
/// cores costs ~0.1 µs in these VMs, a futex round trip ~60 µs), yielding the core every few
/// rounds so a peer thread that shares it can make progress, then park. Chosen per context.
/// </summary>
internal sealed class WaitStrategy
{
    /// <summary>2000 rounds, at most 200 µs (<see cref="SpinTimeLimitTicks"/>), before parking.</summary>
    public static readonly WaitStrategy Default = new(spinIterations: DefaultSpinIterations);

    // Every round past the fine ones yields: with network peers four threads share two cores
    // (an application and an IO thread per process), and the IO thread that will bring the
    // message must get the core quickly (tcp latency 25-43 µs with a yield every 4th round,
    // 20-30 µs with every round; inproc unchanged).
    private const int RoundsPerYield = 1;
    private const int FineRounds = 48;

    public WaitStrategy(int spinIterations)
    {
        SpinIterations = Math.Max(0, spinIterations);
        bool busyPoll = SpinIterations > DefaultSpinIterations; // rounds raised above the default
        long configured = ConfiguredSpinMicroseconds();
        long microseconds = configured >= 0 ? configured : busyPoll ? -1 : DefaultSpinMicroseconds;
        SpinTimeLimitTicks = microseconds < 0 ? long.MaxValue
            : (long)Math.Min(long.MaxValue / 2, System.Diagnostics.Stopwatch.Frequency / 1_000_000.0 * microseconds);
        ContendedYieldLimit = ConfiguredYieldLimit() is int limit ? (limit > 0 ? limit : int.MaxValue)
            : busyPoll ? int.MaxValue : DefaultContendedYieldLimit;
    }

    /// <summary>Rounds spun before parking; 0 parks at once.</summary>
    public int SpinIterations { get; }

    /// <summary>
    /// Yields that handed the core to another thread before a spinning wait gives up and parks:
    /// ZINC_YIELD_LIMIT when set (0 or less: no limit); otherwise 4, and no limit for a busy-poll
    /// strategy (rounds raised above the default).
    /// A yield that switches means another thread was waiting for this core: the machine has
    /// more runnable threads than cores (a CURVE stream's IO threads busy with cryptography,
    /// say), so spinning on takes time from the threads doing the work. A yield that finds
    /// nobody costs nothing, and a latency-bound wait keeps spinning. A busy-poll setup asked
    /// to spin whatever it costs, and still yields every round: with the limit, its receiver
    /// parked during any quiet spell (a timer or a runtime thread takes the core now and then)
    /// and answered the first message after 20 ms of silence in 76-86 µs instead of 51-54 µs
    /// (raw spinning C: 35-51 µs).
    /// </summary>
    public int ContendedYieldLimit { get; }

    private const int DefaultContendedYieldLimit = 4;

    private static int? ConfiguredYieldLimit() =>
        int.TryParse(Environment.GetEnvironmentVariable("ZINC_YIELD_LIMIT"), out int limit) ? limit : null;

    private const int DefaultSpinIterations = 2000;
    private const int DefaultSpinMicroseconds = 200;

    // ZINC_SPIN_US, or -1 when not set. A method, not a static field: Default is built by the
    // static initialiser, which would run before a field declared after it is set (that made
    // the default limit 0 and every wait park after 16 rounds).
    private static long ConfiguredSpinMicroseconds() =>
        long.TryParse(Environment.GetEnvironmentVariable("ZINC_SPIN_US"), out long us) && us >= 0 ? us : -1;

    /// <summary>
    /// The longest a wait spins before it parks, whatever its round count: 200 µs (or
    /// ZINC_SPIN_US) for the default round count; no limit for a strategy asked to spin more
    /// rounds than that (a busy-poll setup). Yields are cheap on an idle machine but can each
    /// hand the core away for a time slice on a busy one, so rounds alone let a wait spin for
    /// milliseconds (measured: 0.5-25 ms), which an idle server paid for every message.
    /// </summary>
    public long SpinTimeLimitTicks { get; }

    /// <summary>
    /// True when a spin that started at <paramref name="startTicks"/> (Stopwatch ticks) has used
    /// up <see cref="SpinTimeLimitTicks"/>; reads the clock only every 16 rounds.
    /// </summary>
    public bool OutOfTime(int round, long startTicks) =>
        (round & 15) == 15 && System.Diagnostics.Stopwatch.GetTimestamp() - startTicks > SpinTimeLimitTicks;

    /// <summary>
    /// One round of spinning; <paramref name="round"/> counts from 0. True when the round yielded
    /// and another thread ran (the caller counts those against the strategy's <see cref="ContendedYieldLimit"/>).
    /// </summary>
    /// <remarks>
    /// <see cref="SpinStyle.Stream"/>: a reader that polls the slot its writer is filling takes
    /// the cache line from the writer on every poll; measured on inproc PUSH/PULL 8 B, that made
    /// one run in three settle at 5-7 M msg/s instead of 15-18 M, the writer paying ~160 ns a
    /// message. <see cref="SpinStyle.Pumping"/>: the read is a system call, so fine rounds would
    /// only keep the core from a peer that the kernel woke on this same core (it places a woken
    /// thread beside its waker), which then waits for our yield; measured after 20 ms gaps, the
    /// woken REP spun ~150 µs before its REQ, runnable on the same core, got it back.
    /// </remarks>
    public static bool SpinOnce(int round, SpinStyle style = SpinStyle.Reply) => style switch
    {
        SpinStyle.Stream => SpinOnce(round, FineRounds, StreamingMinSpin),
        SpinStyle.Pumping => SpinOnce(round, PumpingFineRounds, 1),
        _ => SpinOnce(round, FineRounds, 1),
    };

    private const int StreamingMinSpin = 16;
    private const int PumpingFineRounds = 2;

    private static bool SpinOnce(int round, int fineRounds, int minSpin)
    {
        // On a loaded two-core machine the thread we wait for may be queued behind us on this
        // core: a pure spin would burn its time slice.
        // The first rounds poll finely, so a reply that is already on its way is seen at once
        // (SpinWait(1) is ~50 ns on these VMs, SpinWait(32) ~1 µs); later rounds back off,
        // leaving the cache line to the writer.
        if (round < fineRounds) Thread.SpinWait(Math.Max(minSpin, 1 << (round >> 3))); // 1, 2, 4 ... 32
        else if (round % RoundsPerYield == RoundsPerYield - 1) return Thread.Yield();
        else Thread.SpinWait(32);
        return false;
    }
}
