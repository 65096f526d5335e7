namespace Zinc.Bench;

/// <summary>One row of the side-by-side comparison: a pattern and size on a transport, with its message counts.</summary>
public sealed record BenchCase(string Transport, BenchMode Mode, int Size, long FullCount, long QuickCount, int GapMs = 0)
{
    /// <summary>"PUSH/PULL thr", "REQ/REP lat", or "REQ/REP idle" (each round trip after a silent gap).</summary>
    public string Pattern => Mode == BenchMode.Throughput ? "PUSH/PULL thr" : GapMs > 0 ? "REQ/REP idle" : "REQ/REP lat";

    /// <summary>The spec for one run of this case on a fresh endpoint.</summary>
    public BenchSpec CreateSpec(bool quick) =>
        new(Mode, BenchEndpoints.Create(Transport), Size, quick ? QuickCount : FullCount)
        {
            WarmupMs = quick ? 100 : 200,
            Timeout = TimeSpan.FromSeconds(quick ? 30 : 90),
            GapMs = GapMs,
        };
}
