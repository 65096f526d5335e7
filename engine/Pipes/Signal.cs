using Zinc.Polling;

namespace Zinc.Pipes;

/// <summary>
/// The event a socket parks on. <see cref="Set"/> is cheap when nobody is parked (one
/// interlocked exchange); the parked thread is released through a monitor, or, for a thread
/// parked in <see cref="WaitInterruptibly"/>, through an eventfd it polls.
/// </summary>
internal sealed class Signal : IDisposable
{
    private const int Idle = 0, Raised = 1, ParkedOnMonitor = 2, ParkedInPoll = 3;

    private int _state;
    private readonly object _gate = new();

    // The wake-up line of interruptible waits: made by the first one, written by a Set that
    // finds a thread parked in poll(2), closed with the socket.
    private EventFd? _line;

    /// <summary>Clears a pending signal; call before re-checking the condition you wait for.</summary>
    // Interlocked: the re-check that follows (commands, pipes) must not be reordered before it.
    public void Reset() => Interlocked.Exchange(ref _state, Idle);

    public bool IsSet => Volatile.Read(ref _state) == Raised;

    public void Set()
    {
        int previous = Interlocked.Exchange(ref _state, Raised);
        if (previous < ParkedOnMonitor) return;
        if (previous == ParkedOnMonitor)
        {
            lock (_gate) Monitor.PulseAll(_gate);
        }
        else
        {
            // The parker published its line before entering ParkedInPoll (a full fence).
            _line!.Notify();
        }
    }

    /// <summary>Parks until <see cref="Set"/> or the timeout (ms, -1 infinite). Returns false on timeout.</summary>
    public bool Wait(int timeoutMs)
    {
        if (Volatile.Read(ref _state) == Raised) return true;
        lock (_gate)
        {
            if (Interlocked.CompareExchange(ref _state, ParkedOnMonitor, Idle) == Raised) return true;
            if (timeoutMs < 0)
            {
                while (Volatile.Read(ref _state) == ParkedOnMonitor) Monitor.Wait(_gate);
                return true;
            }
            long deadline = MonotonicClock.Milliseconds + timeoutMs;
            while (Volatile.Read(ref _state) == ParkedOnMonitor)
            {
                long left = deadline - MonotonicClock.Milliseconds;
                if (left <= 0 || !Monitor.Wait(_gate, (int)left))
                    return Interlocked.CompareExchange(ref _state, Idle, ParkedOnMonitor) != ParkedOnMonitor;
            }
            return true;
        }
    }

    /// <summary>
    /// Like <see cref="Wait"/>, but parks in poll(2) on an eventfd, so a signal handler running
    /// on this thread ends the wait (<see cref="WaitOutcome.Interrupted"/>), as libzmq's own
    /// poll(2) does. A monitor wait cannot: the runtime resumes it after the handler.
    /// </summary>
    public WaitOutcome WaitInterruptibly(int timeoutMs) => WaitWithDescriptors(ReadOnlySpan<int>.Empty, timeoutMs, interruptible: true);

    /// <summary>
    /// Parks in poll(2) on the wake-up line and on <paramref name="descriptors"/> (connections a
    /// receiver reads itself, <see cref="IInboundPump"/>): woken by <see cref="Set"/> or by any
    /// of them becoming readable, so data on such a connection wakes this thread directly.
    /// A signal handler ends the wait as <see cref="WaitOutcome.Interrupted"/> only when
    /// <paramref name="interruptible"/>; otherwise it counts as a wake-up (the caller re-checks).
    /// </summary>
    public WaitOutcome WaitWithDescriptors(ReadOnlySpan<int> descriptors, int timeoutMs, bool interruptible)
    {
        if (Volatile.Read(ref _state) == Raised) return WaitOutcome.Woken;
        EventFd line = _line ??= new EventFd();
        if (Interlocked.CompareExchange(ref _state, ParkedInPoll, Idle) == Raised) return WaitOutcome.Woken;
        Span<NativePoll.PollFd> fds = stackalloc NativePoll.PollFd[descriptors.Length + 1];
        fds[0] = new NativePoll.PollFd { Fd = line.Fd, Events = NativePoll.PollIn };
        for (int i = 0; i < descriptors.Length; i++) fds[i + 1] = new NativePoll.PollFd { Fd = descriptors[i], Events = NativePoll.PollIn };
        int ready = NativePoll.PollOrInterrupt(fds, timeoutMs);
        // Leave the parked state. A Set that got in first has written the line or is about to:
        // a late write only makes a later wait return early, and every caller re-checks.
        bool raised = Interlocked.CompareExchange(ref _state, Idle, ParkedInPoll) != ParkedInPoll;
        if (fds[0].REvents != 0) line.Clear();
        if (ready < 0) return interruptible ? WaitOutcome.Interrupted : WaitOutcome.Woken;
        return raised || ready > 0 ? WaitOutcome.Woken : WaitOutcome.TimedOut;
    }

    /// <summary>Closes the wake-up line, if any (socket close; nobody parks after it).</summary>
    public void Dispose() => _line?.Dispose();
}
