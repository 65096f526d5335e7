using System.Globalization;

namespace Zinc.Bench;

/// <summary>
/// One run: what to measure, where, how big and how many. <see cref="Count"/> means what the
/// anchor means by it (messages sent, or round trips). <see cref="WarmupMs"/> adds an untimed
/// phase before them so the JIT has tiered up the hot paths (0 measures exactly as the anchor).
/// </summary>
public sealed record BenchSpec(BenchMode Mode, string Endpoint, int Size, long Count)
{
    /// <summary>Untimed warm-up before the measured messages, in milliseconds of the sender's clock.</summary>
    public int WarmupMs { get; init; } = 200;

    /// <summary>The run is abandoned (its contexts shut down) after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>CURVE security: the binding side is the server, the peer a client (<see cref="BenchCurve"/>'s keys).</summary>
    public bool Curve { get; init; }

    /// <summary>How the measuring side receives: the blocking call, or one of the async styles (Zinc only).</summary>
    public AsyncReceive Async { get; init; }

    /// <summary>
    /// Latency only: the measuring side is silent this long before each measured round trip
    /// (not timed), so every request meets parked threads and idle IO loops. 0: back to back.
    /// </summary>
    public int GapMs { get; init; }

    /// <summary>"thr" or "lat", as the anchor prints it.</summary>
    public string ModeName => Mode == BenchMode.Throughput ? "thr" : "lat";

    /// <summary>True for inproc://, where the peer must live in the same process and context.</summary>
    public bool IsInproc => Endpoint.StartsWith("inproc://", StringComparison.Ordinal);

    /// <summary>Parses the anchor's arguments: thr|lat &lt;endpoint&gt; &lt;size&gt; &lt;count&gt;.</summary>
    public static BenchSpec Parse(string mode, string endpoint, string size, string count)
    {
        BenchMode parsedMode = mode switch
        {
            "thr" => BenchMode.Throughput,
            "lat" => BenchMode.Latency,
            _ => throw new ArgumentException($"mode must be thr or lat, not '{mode}'"),
        };
        if (!endpoint.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"'{endpoint}' is not an endpoint (transport://address)");
        if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int parsedSize))
            throw new ArgumentException($"size must be a non-negative integer, not '{size}'");
        if (!long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out long parsedCount) || parsedCount < 2)
            throw new ArgumentException($"count must be an integer of at least 2, not '{count}'");
        return new BenchSpec(parsedMode, endpoint, parsedSize, parsedCount);
    }

    /// <summary>The arguments that reproduce this spec (for a peer process).</summary>
    public string[] ToArguments() =>
    [
        ModeName, Endpoint, Size.ToString(CultureInfo.InvariantCulture), Count.ToString(CultureInfo.InvariantCulture),
        "--warmup", WarmupMs.ToString(CultureInfo.InvariantCulture),
        .. (Curve ? (string[])["--curve"] : []),
        .. (GapMs > 0 ? (string[])["--gap", GapMs.ToString(CultureInfo.InvariantCulture)] : []),
        .. (Async != AsyncReceive.None ? (string[])[AsyncReceiveNames.Option(Async)] : []),
    ];
}
