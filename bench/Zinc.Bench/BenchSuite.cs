namespace Zinc.Bench;

/// <summary>
/// What `zinc bench` measures. Counts are sized for a 2-core VM: a few seconds per run at
/// libzmq's speed (inproc ~10 M msg/s, tcp ~4 M msg/s, one-way ~40 µs inproc, ~100 µs tcp),
/// a tenth of that with --quick.
/// </summary>
public static class BenchSuite
{
    /// <summary>The cases, grouped by transport in <see cref="BenchEndpoints.Transports"/> order.</summary>
    public static IReadOnlyList<BenchCase> Cases { get; } =
    [
        new("inproc", BenchMode.Throughput, 8, 10_000_000, 1_000_000),
        new("inproc", BenchMode.Throughput, 64, 10_000_000, 1_000_000),
        new("inproc", BenchMode.Latency, 64, 100_000, 10_000),
        new("tcp", BenchMode.Throughput, 8, 5_000_000, 500_000),
        new("tcp", BenchMode.Throughput, 64, 5_000_000, 500_000),
        new("tcp", BenchMode.Latency, 64, 20_000, 2_000),
        // The wake-up after silence: every round trip meets parked threads and idle IO loops.
        new("tcp", BenchMode.Latency, 64, 200, 40, GapMs: 20),
        new("ipc", BenchMode.Throughput, 8, 5_000_000, 500_000),
        new("ipc", BenchMode.Throughput, 64, 5_000_000, 500_000),
        new("ipc", BenchMode.Latency, 64, 20_000, 2_000),
    ];
}
