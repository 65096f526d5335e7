using Zinc.Pipes;

namespace Zinc;

// Blocking sends and receives: retry while spinning a bounded number of times (a hand-off
// between cores costs ~0.1 µs), then arm every pipe so its next edge wakes us, retry once more,
// and park. A wake-up is only ever needed on an edge, so a busy stream never parks.
public sealed partial class Socket
{
    private ZmqError WaitToSend(ref Msg msg) => Wait(ref msg, receive: false, Options.SndTimeo);

    private ZmqError WaitToReceive(ref Msg msg) => Wait(ref msg, receive: true, Options.RcvTimeo);

    private ZmqError Attempt(ref Msg msg, bool receive) =>
        receive ? _pattern.TryReceive(ref msg) : _pattern.TrySend(ref msg);

    private ZmqError Wait(ref Msg msg, bool receive, int timeoutMs)
    {
        long deadline = Deadline(timeoutMs);
        WaitStrategy strategy = Context.WaitStrategy; // one strategy for the whole wait
        int spins = strategy.SpinIterations;
        int contended = 0;
        long spinStart = System.Diagnostics.Stopwatch.GetTimestamp();
        SpinStyle style = !receive ? SpinStyle.Reply
            : _pumpSources > 0 ? SpinStyle.Pumping
            : _sentSinceReceive ? SpinStyle.Reply : SpinStyle.Stream;
        for (int i = 0; i < spins; i++)
        {
            // A full pipe to a network session: write its messages out from this thread rather
            // than wait for the IO thread to wake up and make room.
            // (The spin count runs on either way, so a peer that never reads still lets the
            // wait reach its park and its SNDTIMEO.)
            if (!receive && _drainSources > 0 && DrainBlockedPipes()) { }
            // A connection lent to this thread: read the socket here (and ask for the lease of
            // the others), so the message needs no IO thread and no wake-up.
            else if (receive && _pumpSources > 0 && PumpPipes(requestLend: true)) { }
            else if (WaitStrategy.SpinOnce(i, style) && ++contended == strategy.ContendedYieldLimit) spins = i + 1; // park
            if (strategy.OutOfTime(i, spinStart)) spins = i + 1;
            if (_hasCommands && ProcessCommandsStopped()) return ZmqError.ETERM;
            ZmqError error = Attempt(ref msg, receive);
            if (error != ZmqError.EAGAIN) return error;
        }
        while (true)
        {
            _signal.Reset();
            if (_hasCommands && ProcessCommandsStopped()) return ZmqError.ETERM;
            ReapDrainedPipes();
            // A park watches the lent connections of a socket with few of them; a socket with
            // many gives them back and lets their loops do the watching.
            bool watchLent = receive && _pumpSources is > 0 and <= MaxLentPipes;
            if (watchLent) ArmPipesForReceive();
            else if (receive) ArmForReceive();
            else ArmForSend();
            if (watchLent) PumpPipes(requestLend: false);
            ZmqError error = Attempt(ref msg, receive);
            if (error != ZmqError.EAGAIN) return error;
            ZmqError parked = Park(deadline, watchLent);
            if (parked == ZmqError.EAGAIN) return Attempt(ref msg, receive);
            if (parked != ZmqError.None) return parked;
        }
    }

    /// <summary>
    /// Set by the C ABI: the park then sits in poll(2), and a signal handler running on the
    /// waiting thread ends the call with EINTR, as in libzmq (C programs stop on Ctrl-C that
    /// way). The spin before the park, and so the busy path, is the same either way.
    /// </summary>
    internal bool InterruptibleWaits { get; set; }

    private int _drainSources;

    // A send since the last receive: a reply may be on its way, so a receive polls finely.
    // Without one the socket reads a stream, and polls less often (SpinStyle.Stream).
    private bool _sentSinceReceive;

    private bool DrainBlockedPipes()
    {
        bool any = false;
        foreach (Pipe pipe in _pipes)
        {
            if (pipe.Drain is { } drain && !pipe.Out.HasCredit && drain.DrainFromSender()) any = true;
        }
        return any;
    }

    private int _pumpSources;

    // Direct read is for the few-connection sockets where latency matters: each spin round
    // reads every lent connection, and a park polls them all.
    private const int MaxLentPipes = 4;

    /// <summary>Reads the connections lent to this thread (<see cref="IInboundPump"/>); true when bytes arrived.</summary>
    private bool PumpPipes(bool requestLend)
    {
        if (_pumpSources > MaxLentPipes)
        {
            // More connections than a socket borrows: any lent while it had fewer (they attach
            // one by one as their handshakes finish) go back, and their loops read from now on.
            // Pumping them instead kept them lent for as long as the receiver kept reading.
            foreach (Pipe pipe in _pipes) pipe.Pump?.ReturnToLoop();
            return false;
        }
        bool any = false;
        foreach (Pipe pipe in _pipes)
        {
            if (pipe.Pump is { } pump && pump.PumpFromReceiver(requestLend)) any = true;
        }
        return any;
    }

    /// <summary>
    /// Marks every inbound pipe so its writer's next flush wakes this socket, for a wait that does
    /// not read connections itself (a poller, an async receive, ZMQ_FD): lent ones go back to
    /// their IO loop, which then does the reading and the waking.
    /// </summary>
    internal void ArmForReceive()
    {
        foreach (Pipe pipe in _pipes)
        {
            pipe.Pump?.ReturnToLoop();
            pipe.In.PrepareReaderToPark();
        }
    }

    // A blocking receive's arming: lent connections stay lent, the park polls them.
    private void ArmPipesForReceive()
    {
        foreach (Pipe pipe in _pipes) pipe.In.PrepareReaderToPark();
    }

    /// <summary>Marks every outbound pipe so the reader's next credit report wakes this socket.</summary>
    internal void ArmForSend()
    {
        foreach (Pipe pipe in _pipes) pipe.Out.PrepareWriterToPark();
    }

    private bool ProcessCommandsStopped()
    {
        ProcessCommands();
        return _stopped;
    }

    /// <summary>
    /// Parks until woken or the deadline passes: None to re-check, EAGAIN when the time is up,
    /// EINTR when a signal interrupted an interruptible wait. Parks in slices (1 ms doubling to
    /// 64 ms) because a ring's writer checks the parked flag without a fence and may, in a
    /// narrow race, miss it (MsgRing): the caller re-checks after each slice, so a missed
    /// wake-up costs at most one slice.
    /// </summary>
    private ZmqError Park(long deadline, bool watchLent = false)
    {
        int slice = _parkSlice;
        long left = deadline == long.MaxValue ? int.MaxValue : deadline - MonotonicClock.Milliseconds;
        if (left <= 0) return ZmqError.EAGAIN;
        int wait = (int)Math.Min(left, slice);
        bool woken;
        if (watchLent && ParkWatchingLent(wait, out WaitOutcome watched))
        {
            if (watched == WaitOutcome.Interrupted) return ZmqError.EINTR;
            woken = watched == WaitOutcome.Woken;
        }
        else if (InterruptibleWaits)
        {
            WaitOutcome outcome = _signal.WaitInterruptibly(wait);
            if (outcome == WaitOutcome.Interrupted) return ZmqError.EINTR;
            woken = outcome == WaitOutcome.Woken;
        }
        else
        {
            woken = _signal.Wait(wait);
        }
        _parkSlice = woken ? FirstParkSlice : Math.Min(slice * 2, LastParkSlice);
        return woken || deadline == long.MaxValue || MonotonicClock.Milliseconds < deadline ? ZmqError.None : ZmqError.EAGAIN;
    }

    private const int MaxWatched = MaxLentPipes;
    private IInboundPump[]? _watching;

    // Parks in poll(2) on the socket's wake-up line and the connections lent to this thread, so
    // a message on one of them wakes this thread directly. False (nothing parked) when none is lent.
    private bool ParkWatchingLent(int waitMs, out WaitOutcome outcome)
    {
        Span<int> fds = stackalloc int[MaxWatched];
        IInboundPump[] watching = _watching ??= new IInboundPump[MaxWatched];
        int count = 0;
        foreach (Pipe pipe in _pipes)
        {
            if (count == MaxWatched) break;
            if (pipe.Pump is { } pump && pump.BeginWatch() is int fd and >= 0)
            {
                watching[count] = pump;
                fds[count++] = fd;
            }
        }
        outcome = WaitOutcome.TimedOut;
        if (count == 0) return false;
        try
        {
            outcome = _signal.WaitWithDescriptors(fds.Slice(0, count), waitMs, InterruptibleWaits);
        }
        finally
        {
            for (int i = 0; i < count; i++)
            {
                watching[i].EndWatch();
                watching[i] = null!;
            }
        }
        return true;
    }

    private const int FirstParkSlice = 1;
    private const int LastParkSlice = 64;
    private int _parkSlice = FirstParkSlice;

    private static long Deadline(int timeoutMs) =>
        timeoutMs < 0 ? long.MaxValue : MonotonicClock.Milliseconds + timeoutMs;

    /// <summary>Used by pollers: processes pending commands and reports readiness.</summary>
    internal PollEvents PollReadiness(PollEvents wanted)
    {
        if (_hasCommands) ProcessCommands();
        ReapDrainedPipes();
        PollEvents events = PollEvents.None;
        if ((wanted & PollEvents.PollIn) != 0 && _pattern.SupportsReceive
            && (_pattern.CanReceive || _pumpSources > 0 && PumpPipes(requestLend: false) && _pattern.CanReceive))
            events |= PollEvents.PollIn;
        if ((wanted & PollEvents.PollOut) != 0 && _pattern.SupportsSend && _pattern.CanSend) events |= PollEvents.PollOut;
        return events;
    }

    internal bool IsStopped => _stopped;
}
