using Zinc.Bench;

namespace Zinc.Cli.Comparison;

/// <summary>A case measured on both implementations, and Zinc's ratio to libzmq.</summary>
internal sealed record ComparisonRow(BenchCase Case, Measurement LibZmq, Measurement Zinc)
{
    /// <summary>&gt;1 means Zinc is better: zinc/libzmq for msg/s, libzmq/zinc for latency. Null when either side is missing.</summary>
    public double? Ratio
    {
        get
        {
            if (LibZmq.Result is not { } reference || Zinc.Result is not { } zinc) return null;
            if (reference.Value <= 0 || zinc.Value <= 0) return null;
            return Case.Mode == BenchMode.Throughput ? zinc.Value / reference.Value : reference.Value / zinc.Value;
        }
    }
}
