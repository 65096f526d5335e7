using System.Globalization;

namespace Zinc.Bench;

/// <summary>
/// A finished run. <see cref="Value"/> is msg/s for throughput and one-way µs for latency, and
/// <see cref="ToLine"/> prints it exactly as the anchor's zmq_peer_bench does (%.0f / %.2f).
/// </summary>
public readonly record struct BenchResult(BenchSpec Spec, double Value, TimeSpan Elapsed)
{
    /// <summary>"msg/s" or "us one-way".</summary>
    public string Unit => Spec.Mode == BenchMode.Throughput ? "msg/s" : "us one-way";

    /// <summary>The figure with the anchor's precision.</summary>
    public string FormattedValue => Format(Spec.Mode, Value);

    /// <summary>"&lt;impl&gt; thr &lt;endpoint&gt; size=&lt;n&gt;: &lt;value&gt; &lt;unit&gt;", with " curve" after the size for a CURVE run.</summary>
    public string ToLine(string implementation) =>
        $"{implementation} {Spec.ModeName} {Spec.Endpoint} size={Spec.Size.ToString(CultureInfo.InvariantCulture)}{(Spec.Curve ? " curve" : "")}{(Spec.GapMs > 0 ? $" gap={Spec.GapMs}ms" : "")}{(Spec.Async != AsyncReceive.None ? " " + AsyncReceiveNames.Option(Spec.Async)[2..] : "")}: {FormattedValue} {Unit}";

    /// <summary>Formats a figure as the anchor does: whole msg/s, or µs to two decimals.</summary>
    public static string Format(BenchMode mode, double value) =>
        value.ToString(mode == BenchMode.Throughput ? "F0" : "F2", CultureInfo.InvariantCulture);

    /// <summary>The throughput figure: the first message starts the clock, so count - 1 are timed.</summary>
    public static BenchResult Throughput(BenchSpec spec, long elapsedTicks) =>
        new(spec, (spec.Count - 1) / Seconds(elapsedTicks), TimeSpan.FromSeconds(Seconds(elapsedTicks)));

    /// <summary>The latency figure: half the mean round trip, in microseconds.</summary>
    public static BenchResult Latency(BenchSpec spec, long elapsedTicks) =>
        new(spec, Seconds(elapsedTicks) / spec.Count / 2 * 1e6, TimeSpan.FromSeconds(Seconds(elapsedTicks)));

    private static double Seconds(long stopwatchTicks) =>
        Math.Max(stopwatchTicks, 1) / (double)System.Diagnostics.Stopwatch.Frequency;
}
