namespace Zinc.Bench;

/// <summary>An implementation under test: runs a spec and returns its figure.</summary>
public interface IPeerBench
{
    /// <summary>"zinc" or "libzmq", the first word of the result line.</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="spec"/>, updating <paramref name="progress"/> if given. Throws on failure or timeout.</summary>
    BenchResult Run(BenchSpec spec, BenchProgress? progress = null);
}
