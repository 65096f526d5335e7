using System.Diagnostics;

namespace NetMQ;

/// <summary>
/// Milliseconds on the monotonic clock at full precision, for timer due times and beacon
/// intervals. Not <see cref="Environment.TickCount64"/>, which moves in whole jiffies on Linux
/// (4 ms with HZ=250), so a 5 ms timer fired anywhere from 1 to 9 ms after it was set.
/// </summary>
internal static class PollerClock
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    public static long Milliseconds => Stopwatch.GetTimestamp() / TicksPerMillisecond;
}
