using System.Globalization;

namespace Zinc.Bench;

/// <summary>Parses "thr|lat &lt;endpoint&gt; &lt;size&gt; &lt;count&gt; [--warmup &lt;ms&gt;] [--timeout &lt;s&gt;] [--curve] [--async|--async-drain|--async-frames] [--gap <ms>]".</summary>
public static class BenchArguments
{
    /// <summary>The usage line.</summary>
    public const string Usage = "thr|lat <endpoint> <size> <count> [--warmup <ms>] [--timeout <s>] [--curve] [--async|--async-drain|--async-frames] [--gap <ms>]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchSpec Parse(ReadOnlySpan<string> args)
    {
        if (args.Length < 4) throw new ArgumentException($"usage: {Usage}");
        BenchSpec spec = BenchSpec.Parse(args[0], args[1], args[2], args[3]);
        for (int i = 4; i < args.Length; i++)
        {
            if (args[i] == "--curve")
            {
                spec = spec with { Curve = true };
                continue;
            }
            if (AsyncReceiveNames.TryParse(args[i], out AsyncReceive style))
            {
                spec = spec with { Async = style };
                continue;
            }
            if (args[i] is not ("--warmup" or "--timeout" or "--gap")) throw new ArgumentException($"unknown option '{args[i]}'; usage: {Usage}");
            if (i + 1 >= args.Length) throw new ArgumentException($"{args[i]} needs a value");
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                throw new ArgumentException($"{args[i]} needs a non-negative integer, not '{args[i + 1]}'");
            spec = args[i] switch
            {
                "--warmup" => spec with { WarmupMs = value },
                "--gap" => spec with { GapMs = value },
                _ => spec with { Timeout = TimeSpan.FromSeconds(Math.Max(value, 1)) },
            };
            i++;
        }
        // inproc has no security handshake: a "curve" figure there would be a plain one.
        if (spec.Curve && spec.IsInproc) throw new ArgumentException("--curve needs tcp or ipc: inproc has no security mechanism");
        if (spec.GapMs > 0 && spec.Mode != BenchMode.Latency) throw new ArgumentException("--gap applies to lat only");
        return spec;
    }
}
