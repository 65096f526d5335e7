namespace Zinc.Bench;

/// <summary>Where the connecting peer of a run lives.</summary>
public enum PeerPlacement
{
    /// <summary>A thread of this process (own context unless the endpoint is inproc).</summary>
    Thread,
    /// <summary>A child process (the same executable, started with <see cref="PeerEntry.Argument"/>) for tcp/ipc, as the anchor forks.</summary>
    Process,
}
