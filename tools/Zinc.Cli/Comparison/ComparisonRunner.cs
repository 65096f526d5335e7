using Zinc.Bench;
using Zinc.Cli.Display;

namespace Zinc.Cli.Comparison;

/// <summary>
/// Runs every case of <see cref="BenchSuite"/> on libzmq then on Zinc, in this process, one
/// run at a time, skipping a transport Zinc cannot bind yet (EPROTONOSUPPORT).
/// </summary>
internal sealed class ComparisonRunner
{
    private readonly bool _quick;
    private readonly IReadOnlyList<string> _transports;
    private readonly ProgressLine _progress;
    private readonly IPeerBench? _libzmq;
    private readonly IPeerBench _zinc = new ZincPeerBench(PeerPlacement.Thread);

    public ComparisonRunner(bool quick, IReadOnlyList<string> transports, ProgressLine progress, bool libzmqAvailable)
    {
        _quick = quick;
        _transports = transports;
        _progress = progress;
        _libzmq = libzmqAvailable ? new LibZmqPeerBench() : null;
    }

    /// <summary>Lines for transports that were not measured, and why.</summary>
    public List<string> Notes { get; } = new();

    public List<ComparisonRow> Run()
    {
        WarmUpZinc();
        var rows = new List<ComparisonRow>();
        foreach (string transport in _transports)
        {
            if (!ZincCanBind(transport)) continue;
            foreach (BenchCase benchCase in BenchSuite.Cases.Where(c => c.Transport == transport))
            {
                Measurement libzmq = _libzmq is null ? Measurement.Skipped("libzmq not found") : Measure(_libzmq, benchCase);
                Measurement zinc = Measure(_zinc, benchCase);
                rows.Add(new ComparisonRow(benchCase, libzmq, zinc));
            }
        }
        return rows;
    }

    // libzmq is native code; Zinc's hot paths start as tier-0 JIT code and are recompiled after
    // they have run a while (100 ms of quiet, then 30 calls). One untimed inproc run first lets
    // the first measured case see steady-state code, as every later case already does.
    private void WarmUpZinc()
    {
        BenchSpec spec = new(BenchMode.Throughput, BenchEndpoints.Create("inproc"), 8, _quick ? 1_000_000 : 2_000_000)
        {
            WarmupMs = 200,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _progress.Begin("warming up Zinc's JIT-compiled code (not measured)", new BenchProgress());
        try
        {
            _zinc.Run(spec);
            _progress.End("done");
        }
        catch (Exception e)
        {
            // A failing warm-up is reported; the measured runs will show the same failure.
            _progress.End($"FAILED: {e.Message}");
        }
    }

    private bool ZincCanBind(string transport)
    {
        string endpoint = BenchEndpoints.Create(transport);
        try
        {
            if (ZincPeerBench.CanBind(endpoint, out ZmqError error)) return true;
            string note = error == ZmqError.EPROTONOSUPPORT
                ? $"{transport}: not available yet"
                : $"{transport}: skipped, zinc cannot bind {endpoint} ({error})";
            Notes.Add(note);
            _progress.Note(note);
            return false;
        }
        finally
        {
            BenchEndpoints.Cleanup(endpoint);
        }
    }

    private Measurement Measure(IPeerBench bench, BenchCase benchCase)
    {
        BenchSpec spec = benchCase.CreateSpec(_quick);
        var progress = new BenchProgress();
        _progress.Begin($"{benchCase.Transport,-6}  {benchCase.Pattern,-13}  {Sizes.Format(benchCase.Size),7}  {bench.Name,-6}", progress);
        // Garbage from the previous run (or from start-up) is collected now, not inside this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            BenchResult result = bench.Run(spec, progress);
            _progress.End(Figures.Format(result));
            return Measurement.Of(result);
        }
        catch (Exception e)
        {
            _progress.End($"FAILED: {e.Message}");
            return Measurement.Failed(e.Message);
        }
        finally
        {
            BenchEndpoints.Cleanup(spec.Endpoint);
        }
    }
}
