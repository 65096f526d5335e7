using Zinc.Bench;

namespace Zinc.Cli.Comparison;

/// <summary>One implementation's outcome for one case: a result, or why there is none.</summary>
internal readonly record struct Measurement(BenchResult? Result, string? Problem)
{
    public static Measurement Of(BenchResult result) => new(result, null);

    public static Measurement Failed(string problem) => new(null, problem);

    public static Measurement Skipped(string why) => new(null, why);

    public bool Succeeded => Result is not null;
}
