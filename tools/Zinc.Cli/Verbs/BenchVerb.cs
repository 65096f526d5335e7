using System.Diagnostics;
using System.Runtime.InteropServices;
using Zinc.Bench;
using Zinc.Cli.Comparison;
using Zinc.Cli.Display;

namespace Zinc.Cli.Verbs;

/// <summary>
/// `zinc bench`: Zinc beside the system libzmq, same process, same pattern as the anchor
/// (PUSH/PULL throughput 8 B and 64 B, REQ/REP latency 64 B) on every transport Zinc has.
/// Progress goes to stderr, the table to stdout; the exit code is 1 if any run failed.
/// </summary>
internal sealed class BenchVerb : IVerb
{
    public string Name => "bench";

    public string Usage => "[--quick] [--transport inproc|tcp|ipc]...";

    public string Summary => "throughput and latency of Zinc beside the system libzmq (--quick: a tenth of the messages)";

    public int Run(string[] args)
    {
        bool quick = false;
        var transports = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--transport" when i + 1 < args.Length && BenchEndpoints.Transports.Contains(args[i + 1]):
                    transports.Add(args[++i]);
                    break;
                case "-h" or "--help":
                    Console.WriteLine($"usage: zinc {Name} {Usage}");
                    return 0;
                default:
                    Console.Error.WriteLine($"zinc {Name}: unexpected '{args[i]}'\nusage: zinc {Name} {Usage}");
                    return 2;
            }
        }
        if (transports.Count == 0) transports.AddRange(BenchEndpoints.Transports);

        string? libzmqVersion = LibZmq.TryGetVersion();
        using ProgressLine progress = ProgressLine.ForStandardError();
        if (libzmqVersion is null) progress.Note("libzmq.so.5 not found: Zinc only (apt-get install libzmq5 to compare)");
        var runner = new ComparisonRunner(quick, transports, progress, libzmqVersion is not null);
        var clock = Stopwatch.StartNew();
        List<ComparisonRow> rows = runner.Run();
        progress.Note($"done in {clock.Elapsed.TotalSeconds:F0} s");

        ComparisonReport.Write(Console.Out, Heading(quick, libzmqVersion), rows, runner.Notes);
        bool failed = rows.Any(r => r.Zinc.Problem is not null || (libzmqVersion is not null && r.LibZmq.Problem is not null));
        return failed ? 1 : 0;
    }

    private static string Heading(bool quick, string? libzmqVersion) =>
        $"zinc bench{(quick ? " --quick" : "")}: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, " +
        $".NET {Environment.Version}, {RuntimeInformation.OSDescription}, libzmq {libzmqVersion ?? "not found"}";
}
