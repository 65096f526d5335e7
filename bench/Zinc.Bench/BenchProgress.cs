namespace Zinc.Bench;

/// <summary>
/// How far a run has got, for a progress display on another thread. The measuring loop writes
/// <see cref="Done"/> only every few thousand messages, so watching costs the hot path nothing.
/// </summary>
public sealed class BenchProgress
{
    private long _done;
    private volatile bool _measuring;

    /// <summary>Messages (or round trips) the run will time.</summary>
    public long Total { get; private set; }

    /// <summary>Messages timed so far.</summary>
    public long Done => Volatile.Read(ref _done);

    /// <summary>False while the untimed warm-up is running.</summary>
    public bool Measuring => _measuring;

    /// <summary>Fraction done, 0..1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    /// <summary>Resets for a new run of <paramref name="total"/> messages.</summary>
    public void Reset(long total)
    {
        Total = total;
        _measuring = false;
        Volatile.Write(ref _done, 0);
    }

    internal void StartMeasuring() => _measuring = true;

    internal void Report(long done) => Volatile.Write(ref _done, done);
}
