namespace Zinc.Bench;

/// <summary>One row of the side-by-side comparison: a pattern and size on a transport, with its message counts.</summary>
public sealed record BenchCase(string Transport, BenchMode Mode, int Size, long FullCount, long QuickCount)
{
    /// <summary>"PUSH/PULL thr" or "REQ/REP lat".</summary>
    public string Pattern => Mode == BenchMode.Throughput ? "PUSH/PULL thr" : "REQ/REP lat";

    /// <summary>The spec for one run of this case on a fresh endpoint.</summary>
    public BenchSpec CreateSpec(bool quick) =>
        new(Mode, BenchEndpoints.Create(Transport), Size, quick ? QuickCount : FullCount)
        {
            WarmupMs = quick ? 100 : 200,
            Timeout = TimeSpan.FromSeconds(quick ? 30 : 90),
        };
}
