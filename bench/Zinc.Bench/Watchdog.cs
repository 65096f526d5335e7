namespace Zinc.Bench;

/// <summary>
/// Fires an action once if a run outlives its timeout: the action shuts the run's contexts
/// down, so every blocked send or receive returns ETERM instead of hanging a CI job. After
/// <see cref="Dispose"/> returns the action can no longer run, so the contexts may be freed.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly object _lock = new();
    private readonly Timer _timer;
    private Action? _action;
    private bool _fired;

    public Watchdog(TimeSpan timeout, Action action)
    {
        _action = action;
        _timer = new Timer(_ => Fire(), null, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the timeout has passed and the action ran.</summary>
    public bool Fired
    {
        get { lock (_lock) return _fired; }
    }

    /// <summary>Runs the action now (a peer failed: stop waiting for it).</summary>
    public void Trip() => Fire(timedOut: false);

    private void Fire(bool timedOut = true)
    {
        lock (_lock)
        {
            if (_action is null) return;
            _fired |= timedOut;
            Action action = _action;
            _action = null;
            action();
        }
    }

    public void Dispose()
    {
        lock (_lock) _action = null;
        _timer.Dispose();
    }
}
