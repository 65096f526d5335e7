namespace Zinc.Reactor;

/// <summary>
/// A one-shot timer on a loop (reconnect back-off, heartbeats, handshake limit). Re-arming
/// moves it; a stale queue entry is recognised by its due time and skipped.
/// </summary>
internal sealed class IoTimer
{
    private readonly Action _callback;

    public IoTimer(Action callback) => _callback = callback;

    /// <summary>MonotonicClock.Milliseconds at which it fires, 0 when not armed.</summary>
    public long Due { get; set; }

    public bool Armed => Due != 0;

    public void Fire() => _callback();
}
