using System.Globalization;

namespace Zinc.Bench;

/// <summary>Parses "thr|lat &lt;endpoint&gt; &lt;size&gt; &lt;count&gt; [--warmup &lt;ms&gt;] [--timeout &lt;s&gt;]".</summary>
public static class BenchArguments
{
    /// <summary>The usage line.</summary>
    public const string Usage = "thr|lat <endpoint> <size> <count> [--warmup <ms>] [--timeout <s>]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchSpec Parse(ReadOnlySpan<string> args)
    {
        if (args.Length < 4) throw new ArgumentException($"usage: {Usage}");
        BenchSpec spec = BenchSpec.Parse(args[0], args[1], args[2], args[3]);
        for (int i = 4; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                throw new ArgumentException($"{args[i]} needs a non-negative integer, not '{args[i + 1]}'");
            spec = args[i] switch
            {
                "--warmup" => spec with { WarmupMs = value },
                "--timeout" => spec with { Timeout = TimeSpan.FromSeconds(Math.Max(value, 1)) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'; usage: {Usage}"),
            };
        }
        return spec;
    }
}
