using Zinc.Pipes;
using Zinc.Polling;

namespace Zinc;

// Waiting: check every item, spin re-checking, then arm the sockets' pipes and park, on the
// Signal or in poll(2) (descriptors, or an interruptible poller), until an item is ready.
public sealed partial class Poller
{
    /// <summary>
    /// Waits for readiness; None when at least one item's Returned is set (see <see cref="ReturnedAt"/>),
    /// EAGAIN when the time ran out, or the error to report.
    /// </summary>
    internal ZmqError WaitCore(int timeoutMs)
    {
        if (_count == 0)
        {
            // zmq_poller: nothing could ever be reported, so an endless wait is refused.
            if (timeoutMs < 0) return ZmqError.EFAULT;
            if (timeoutMs > 0)
            {
                if (!_interruptible) Thread.Sleep(timeoutMs);
                else if (NativePoll.PollOrInterrupt(Span<NativePoll.PollFd>.Empty, timeoutMs) < 0) return ZmqError.EINTR;
            }
            return ZmqError.EAGAIN;
        }
        if (_pollFdsStale) RebuildPollFds();
        long deadline = timeoutMs < 0 ? long.MaxValue : MonotonicClock.Milliseconds + timeoutMs;
        ZmqError error = Collect(pollFds: true);
        if (error != ZmqError.EAGAIN || timeoutMs == 0) return error;

        // Spinning: a peer on another core usually answers within microseconds. Descriptors cost
        // a system call to check, so they are checked only every few rounds.
        WaitStrategy? strategy = SpinStrategy();
        int spins = strategy?.SpinIterations ?? 0;
        int contended = 0;
        long spinStart = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < spins; i++)
        {
            if (WaitStrategy.SpinOnce(i) && ++contended == strategy!.ContendedYieldLimit || strategy!.OutOfTime(i, spinStart)) spins = i + 1;
            error = Collect(pollFds: i % SpinRoundsPerFdPoll == SpinRoundsPerFdPoll - 1);
            if (error != ZmqError.EAGAIN) return error;
        }

        try
        {
            bool fdsFresh = false;
            while (true)
            {
                _signal.Reset();
                // A full fence either way: the reset must be visible before the re-checks below
                // read the sockets' state (a command posted meanwhile then either shows up there
                // or sets the signal again). With descriptors, a wake from now on also writes the
                // eventfd, so poll(2) cannot miss it.
                Interlocked.Exchange(ref _fdWakeArmed, ParksInPoll ? 1 : 0);
                if (_transient && !_listening) Listen(true);
                Arm();
                error = Collect(pollFds: !fdsFresh);
                if (error != ZmqError.EAGAIN) return error;
                long left = -1;
                if (deadline != long.MaxValue)
                {
                    left = deadline - MonotonicClock.Milliseconds;
                    if (left <= 0) return ZmqError.EAGAIN;
                }
                fdsFresh = Park(left, out bool interrupted);
                if (interrupted) return ZmqError.EINTR;
            }
        }
        finally
        {
            Volatile.Write(ref _fdWakeArmed, 0);
            if (_listening) Listen(false);
        }
    }

    // Descriptors can only be waited for in poll(2); an interruptible wait needs it too.
    private bool ParksInPoll => _fds > 0 || _interruptible;

    /// <summary>
    /// Parks until woken or <paramref name="leftMs"/> (-1 forever); true when descriptor revents
    /// were refreshed. <paramref name="interrupted"/>: a signal ended an interruptible wait.
    /// </summary>
    private bool Park(long leftMs, out bool interrupted)
    {
        interrupted = false;
        // Sockets are parked on in slices (1 ms doubling to 64 ms), as Socket.Park does: a ring's
        // writer may, in a narrow race, miss the parked flag, and the re-check after each slice
        // bounds what such a miss costs. Descriptors alone need no slices: the kernel never misses.
        int slice = _sockets > 0 ? _parkSlice : -1;
        int timeout = leftMs < 0 ? slice : slice < 0 ? (int)Math.Min(leftMs, int.MaxValue) : (int)Math.Min(leftMs, slice);
        bool woken;
        bool fdsFresh = false;
        if (!ParksInPoll)
        {
            woken = _signal.Wait(timeout);
        }
        else
        {
            Span<NativePoll.PollFd> fds = _pollFds.AsSpan(0, _pollFdCount + 1);
            int ready = _interruptible ? NativePoll.PollOrInterrupt(fds, timeout) : NativePoll.Poll(fds, timeout);
            Volatile.Write(ref _fdWakeArmed, 0);
            if (ready < 0)
            {
                interrupted = true;
                return false;
            }
            woken = ready > 0;
            if (_pollFds[_pollFdCount].REvents != 0) _eventFd!.Clear();
            fdsFresh = true;
        }
        if (_sockets > 0) _parkSlice = woken ? FirstParkSlice : Math.Min(slice * 2, LastParkSlice);
        return fdsFresh;
    }

    /// <summary>Checks every item; None if any is ready, EAGAIN if none, ETERM/ENOTSOCK for a stopped/closed socket.</summary>
    private ZmqError Collect(bool pollFds)
    {
        if (_fds > 0 && pollFds) NativePoll.Poll(_pollFds.AsSpan(0, _pollFdCount), 0);
        bool any = false;
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _entries[i];
            PollEvents got;
            if (entry.Socket is { } socket)
            {
                if (socket.IsClosed) return ZmqError.ENOTSOCK;
                // Also with no events asked for: it processes commands, which is how a stop arrives.
                got = socket.PollReadiness(entry.Events);
                if (socket.IsStopped) return ZmqError.ETERM;
            }
            else
            {
                got = NativePoll.ToPollEvents(_pollFds[entry.PollIndex].REvents);
            }
            entry.Returned = got;
            any |= got != PollEvents.None;
        }
        return any ? ZmqError.None : ZmqError.EAGAIN;
    }

    /// <summary>Marks the pipes of every polled socket so their next edge wakes this poller.</summary>
    private void Arm()
    {
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _entries[i];
            if (entry.Socket is not { } socket) continue;
            if ((entry.Events & PollEvents.PollIn) != 0) socket.ArmForReceive();
            if ((entry.Events & PollEvents.PollOut) != 0) socket.ArmForSend();
        }
    }

    // The first socket's context decides how a wait spins; descriptors alone do not spin.
    private WaitStrategy? SpinStrategy()
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Socket is { } socket) return socket.Context.WaitStrategy;
        }
        return null;
    }

    private int Fill(Span<PollerEvent> events)
    {
        int filled = 0;
        for (int i = 0; i < _count && filled < events.Length; i++)
        {
            ref Entry entry = ref _entries[i];
            if (entry.Returned == PollEvents.None) continue;
            events[filled++] = new PollerEvent(entry.Socket, entry.Socket is null ? entry.Fd : -1, entry.Returned, entry.UserData);
        }
        return filled;
    }

    private void Listen(bool on)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Socket is not { } socket) continue;
            if (on) socket.AddListener(this);
            else socket.RemoveListener(this);
        }
        _listening = on;
    }
}
