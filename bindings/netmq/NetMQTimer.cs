namespace NetMQ;

/// <summary>Arguments of <see cref="NetMQTimer.Elapsed"/>.</summary>
public class NetMQTimerEventArgs : EventArgs
{
    /// <summary>Arguments for <paramref name="timer"/>.</summary>
    public NetMQTimerEventArgs(NetMQTimer timer) => Timer = timer;

    /// <summary>The timer that elapsed.</summary>
    public NetMQTimer Timer { get; }
}

/// <summary>A timer run by a <see cref="NetMQPoller"/>: <see cref="Elapsed"/> is raised on the poller's thread every <see cref="Interval"/> milliseconds while enabled.</summary>
public class NetMQTimer
{
    private readonly NetMQTimerEventArgs _args;
    private int _interval;
    private volatile bool _enable = true;

    /// <summary>A timer with the given interval (enabled).</summary>
    public NetMQTimer(TimeSpan interval) : this((int)interval.TotalMilliseconds) { }

    /// <summary>A timer with an interval in milliseconds (enabled).</summary>
    public NetMQTimer(int interval)
    {
        _interval = interval;
        _args = new NetMQTimerEventArgs(this);
    }

    /// <summary>Raised on the poller's thread when the interval elapses.</summary>
    public event EventHandler<NetMQTimerEventArgs>? Elapsed;

    /// <summary>The interval in milliseconds; setting it restarts the count.</summary>
    public int Interval
    {
        get => _interval;
        set
        {
            _interval = value;
            Reset();
        }
    }

    /// <summary>Whether the timer runs; enabling it starts a new interval.</summary>
    public bool Enable
    {
        get => _enable;
        set
        {
            if (_enable == value) return;
            _enable = value;
            Reset();
        }
    }

    /// <summary>Enables the timer and starts a new interval.</summary>
    public void EnableAndReset()
    {
        _enable = true;
        Reset();
    }

    // Next due time (PollerClock.Milliseconds), or -1 to compute from now. Read and written by the poller thread.
    internal long When = -1;

    internal NetMQPoller? Poller;

    private void Reset()
    {
        Volatile.Write(ref When, -1);
        Poller?.Wake();
    }

    internal void InvokeElapsed(object sender) => Elapsed?.Invoke(sender, _args);
}
