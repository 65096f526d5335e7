using System.Diagnostics;
using System.Runtime;

namespace Zinc.Bench;

/// <summary>
/// How long a Zinc warm-up runs: at least the requested time, then on until the JIT has settled
/// (no method compiled for <see cref="QuietMs"/>), at most <see cref="MaxMs"/>. The tiered JIT
/// promotes hot code in the background, 100 ms after the last burst of new methods and with a
/// profiled tier in between, so a fixed 200 ms left part of a short run on unoptimised code and
/// made its figure depend on when the promotions landed (up to 1.5x between runs).
/// </summary>
internal struct WarmupClock
{
    /// <summary>The JIT counts as settled after this long without a new compiled method.</summary>
    public const int QuietMs = 300;

    /// <summary>The warm-up never runs longer than this, settled or not.</summary>
    public const int MaxMs = 3000;

    private readonly long _start;
    private readonly long _minimum;
    private long _quietSince;
    private long _compiled;

    public WarmupClock(int minimumMs)
    {
        _start = _quietSince = Stopwatch.GetTimestamp();
        _minimum = BenchPayload.Ticks(minimumMs);
        _compiled = JitInfo.GetCompiledMethodCount();
    }

    /// <summary>True while the warm-up should go on; call it every few hundred messages.</summary>
    public bool Running
    {
        get
        {
            long now = Stopwatch.GetTimestamp();
            long compiled = JitInfo.GetCompiledMethodCount();
            if (compiled != _compiled)
            {
                _compiled = compiled;
                _quietSince = now;
            }
            if (now - _start < _minimum) return true;
            if (now - _start >= BenchPayload.Ticks(MaxMs)) return false;
            return now - _quietSince < BenchPayload.Ticks(QuietMs);
        }
    }
}
