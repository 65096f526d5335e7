using System.Diagnostics;

namespace Zinc.Native;

/// <summary>
/// zmq_timers: a set of periodic callbacks an application drives itself (timeout, then execute).
/// Not thread-safe, like libzmq's. Times are milliseconds on the monotonic clock.
/// </summary>
internal sealed unsafe class Timers
{
    private sealed class Timer
    {
        public required int Id;
        public required long Interval;
        public required long Due;
        public required nint Handler;
        public required nint Argument;
    }

    private readonly List<Timer> _timers = new();
    private int _nextId;

    private static long Now => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;

    public int Add(long interval, nint handler, nint argument)
    {
        var timer = new Timer { Id = ++_nextId, Interval = interval, Due = Now + interval, Handler = handler, Argument = argument };
        _timers.Add(timer);
        return timer.Id;
    }

    private Timer? Find(int id) => _timers.Find(t => t.Id == id);

    public bool Cancel(int id) => _timers.RemoveAll(t => t.Id == id) > 0;

    public bool SetInterval(int id, long interval)
    {
        Timer? timer = Find(id);
        if (timer is null) return false;
        timer.Interval = interval;
        timer.Due = Now + interval;
        return true;
    }

    public bool Reset(int id)
    {
        Timer? timer = Find(id);
        if (timer is null) return false;
        timer.Due = Now + timer.Interval;
        return true;
    }

    /// <summary>Milliseconds until the next timer is due (0 if one is overdue), -1 when there is none.</summary>
    public long Timeout()
    {
        if (_timers.Count == 0) return -1;
        long now = Now, soonest = long.MaxValue;
        foreach (Timer timer in _timers) soonest = Math.Min(soonest, timer.Due);
        return Math.Max(soonest - now, 0);
    }

    /// <summary>Runs every due handler once and schedules its next run.</summary>
    public void Execute()
    {
        long now = Now;
        // Handlers may add or cancel timers: iterate over the ones due now, checking each is still there.
        foreach (Timer timer in _timers.Where(t => t.Due <= now).OrderBy(t => t.Due).ToArray())
        {
            if (!_timers.Contains(timer)) continue;
            timer.Due = now + timer.Interval;
            ((delegate* unmanaged<int, void*, void>)timer.Handler)(timer.Id, (void*)timer.Argument);
        }
    }
}
