namespace Zinc.Bench;

/// <summary>
/// The hidden entry point of a peer process: "--peer zinc thr|lat &lt;endpoint&gt; &lt;size&gt;
/// &lt;count&gt; --warmup &lt;ms&gt; [--curve]". Any executable that hosts the bench (Zinc.Bench,
/// zinc) checks for <see cref="Argument"/> first and hands the arguments here.
/// </summary>
public static class PeerEntry
{
    /// <summary>The first argument that marks a peer process.</summary>
    public const string Argument = "--peer";

    /// <summary>True when <paramref name="args"/> ask for a peer process.</summary>
    public static bool IsPeer(string[] args) => args.Length > 0 && args[0] == Argument;

    /// <summary>Arguments that start a Zinc peer for <paramref name="spec"/>.</summary>
    public static IEnumerable<string> ArgumentsFor(BenchSpec spec) => [Argument, "zinc", .. spec.ToArguments()];

    /// <summary>Runs the peer; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        try
        {
            if (args.Length < 6 || args[1] != "zinc") throw new ArgumentException("usage: --peer zinc thr|lat <endpoint> <size> <count> [--warmup <ms>] [--curve]");
            BenchSpec spec = BenchArguments.Parse(args.AsSpan(2));
            using var context = new Context();
            ZincPeers.Run(context, spec);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"zinc bench peer: {e.Message}");
            return 1;
        }
    }
}
