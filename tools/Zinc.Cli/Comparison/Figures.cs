using System.Globalization;
using Zinc.Bench;

namespace Zinc.Cli.Comparison;

/// <summary>Figures for people: thousands separators for msg/s, two decimals for µs.</summary>
internal static class Figures
{
    public static string Format(BenchResult result) => result.Spec.Mode == BenchMode.Throughput
        ? $"{result.Value.ToString("N0", CultureInfo.InvariantCulture)} msg/s"
        : $"{result.Value.ToString("F2", CultureInfo.InvariantCulture)} us";

    public static string Format(Measurement measurement) =>
        measurement.Result is { } result ? Format(result) : measurement.Problem is null ? "-" : "n/a";

    public static string Ratio(double? ratio) =>
        ratio is { } value ? $"{value.ToString("F2", CultureInfo.InvariantCulture)}x" : "-";
}
