namespace Zinc.Pipes;

/// <summary>
/// The event a socket parks on. <see cref="Set"/> is cheap when nobody is parked (one
/// interlocked exchange); the parked thread is released through a monitor.
/// </summary>
internal sealed class Signal
{
    private int _state; // 0 idle, 1 set, 2 a thread is parked
    private readonly object _gate = new();

    /// <summary>Clears a pending signal; call before re-checking the condition you wait for.</summary>
    // Interlocked: the re-check that follows (commands, pipes) must not be reordered before it.
    public void Reset() => Interlocked.Exchange(ref _state, 0);

    public bool IsSet => Volatile.Read(ref _state) == 1;

    public void Set()
    {
        if (Interlocked.Exchange(ref _state, 1) != 2) return;
        lock (_gate) Monitor.PulseAll(_gate);
    }

    /// <summary>Parks until <see cref="Set"/> or the timeout (ms, -1 infinite). Returns false on timeout.</summary>
    public bool Wait(int timeoutMs)
    {
        if (Volatile.Read(ref _state) == 1) return true;
        lock (_gate)
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 1) return true;
            if (timeoutMs < 0)
            {
                while (Volatile.Read(ref _state) == 2) Monitor.Wait(_gate);
                return true;
            }
            long deadline = Environment.TickCount64 + timeoutMs;
            while (Volatile.Read(ref _state) == 2)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_gate, (int)left))
                    return Interlocked.CompareExchange(ref _state, 0, 2) != 2;
            }
            return true;
        }
    }
}
