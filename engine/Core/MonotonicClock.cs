using System.Diagnostics;

namespace Zinc;

/// <summary>
/// Milliseconds on the monotonic clock, at full precision: the time base of every deadline and
/// timer in the engine (RCVTIMEO/SNDTIMEO, poll timeouts, LINGER, heartbeats, reconnects).
/// </summary>
/// <remarks>
/// Not <see cref="Environment.TickCount64"/>: on Linux it reads the coarse clock, which moves in
/// whole jiffies (4 ms on a kernel built with HZ=250, as here). With it a 10 ms timer fired
/// anywhere from 6 to 14 ms after it was armed, a 1 ms RCVTIMEO could end at once, and a
/// heartbeat timeout could fire before the PONG to its PING had had time to arrive.
/// </remarks>
internal static class MonotonicClock
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>Milliseconds since an arbitrary fixed point; never goes backwards.</summary>
    public static long Milliseconds => Stopwatch.GetTimestamp() / TicksPerMillisecond;
}
