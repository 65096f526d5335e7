using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Protocol;

// Lending the connection's reading to the application thread. A blocking receive that finds
// the socket empty asks for the lease; the loop pauses its own reading (for io_uring, until the
// multishot recv's cancel has landed and what it held back is delivered) and lends. From then
// on the receiving thread reads the descriptor itself with recv(2) under _receiveLock, decodes
// into the pipe and takes the frames out again, and parks in poll(2) on the descriptor: no
// IO-thread hop, no wake-up of the loop. Only message data is handled on that thread: a command
// (PING, SUBSCRIBE...), a protocol error or the end of the stream hands the connection back,
// and the loop deals with it as always. The loop also takes it back when the lease runs out
// (nobody pumped or watched for LeaseMs: heartbeats and disconnects are then noticed as usual)
// and when the socket starts waiting some other way (ReturnToLoop).
internal sealed partial class ZmtpEngine : Pipes.IInboundPump
{
    private const int Home = 0, Requested = 1, Lent = 2, ReturnRequested = 3, Ended = 4;
    private const int CallerBufferSize = 64 * 1024;

    /// <summary>The lease period: a lent connection nobody pumps or watches goes back after one to two of these.</summary>
    internal const int LeaseMs = 50;

    // The lease in force: LeaseMs, or less once heartbeats are in play (BoundLease). Loop thread only.
    private int _leaseMs = LeaseMs;

    // ZINC_DIRECT_READ=0 keeps all reading on the loop (for side-by-side measurement).
    private static readonly bool DirectRead = Environment.GetEnvironmentVariable("ZINC_DIRECT_READ") != "0";

    [ThreadStatic] private static byte[]? t_callerBuffer;

    private readonly object _receiveLock = new();
    private int _lend;
    private int _lendPosted;
    private int _watchers;
    // Pumps and watches of the lent connection, counted by the receiving thread (a plain
    // increment: no clock read per spin round); the lease timer looks for a change.
    private long _leaseUses;
    private long _leaseUsesSeen;
    private IoTimer? _leaseTimer;
    private LendWork? _lendWork;
    // The loop paused its reading for a lend that has not happened yet (loop thread only).
    private bool _pausedForLend;
    // Set by the loop once the connection turned out never to be lendable (CURVE, a publisher),
    // so a spinning receiver stops asking (each request wakes the loop).
    private volatile bool _neverLent;

    // Set while the receiving thread decodes (under _receiveLock): the decoder then stops at
    // anything the loop must handle, and records it here for the loop.
    private bool _callerMode;
    private bool _returnNeeded;
    private Msg _deferredCommand;
    private bool _hasDeferredCommand;
    private EngineEnd _callerFaultEnd;
    private int _callerFault;

    public Pipes.IInboundPump? InboundPump => this;

    // ---- the receiving thread ----

    public bool PumpFromReceiver(bool requestLend)
    {
        if (_neverLent) return false;
        int state = Volatile.Read(ref _lend);
        if (state != Lent)
        {
            if (state == Home && requestLend && DirectRead && Interlocked.CompareExchange(ref _lend, Requested, Home) == Home) PostLendWork();
            return false;
        }
        if (!Monitor.TryEnter(_receiveLock)) return false;
        try
        {
            if (_lend != Lent) return false;
            _leaseUses++;
            _callerMode = true;
            return PumpLocked();
        }
        finally
        {
            _callerMode = false;
            Monitor.Exit(_receiveLock);
        }
    }

    private unsafe bool PumpLocked()
    {
        // What could not be delivered last time (no credit) goes first, in order; the frames of a
        // message still arriving stay put (WritePartial writes whole messages only).
        if (_partialCount > 0)
        {
            if (!WritePartial()) return false;
            _pipe!.Flush();
            _receiveCount++; // progress on the link, as in RetryInbound
        }
        if (_stashStart < _stashLength)
        {
            _receiveCount++;
            _stashStart += DecodeFrames(_stash.AsSpan(_stashStart, _stashLength - _stashStart));
            if (_stashStart == _stashLength) _stashStart = _stashLength = 0;
            if (_returnNeeded) RequestReturn();
            return true;
        }
        byte[] buffer = t_callerBuffer ??= GC.AllocateUninitializedArray<byte>(CallerBufferSize, pinned: true);
        nint n;
        fixed (byte* at = buffer) n = LibC.recv(Fd, at, (nuint)buffer.Length, LibC.MSG_DONTWAIT);
        if (n <= 0)
        {
            // The end of the stream or an error: the loop reads it again and ends the connection.
            if (n == 0 || LibC.Errno is not (LibC.EAGAIN or LibC.EINTR)) RequestReturn();
            return false;
        }
        _receiveCount++;
        ReadOnlySpan<byte> data = buffer.AsSpan(0, (int)n);
        int used = DecodeFrames(data);
        if (_phase == Phase.Active && used < data.Length) Stash(data.Slice(used));
        if (_returnNeeded) RequestReturn();
        return true;
    }

    public int BeginWatch()
    {
        if (Volatile.Read(ref _lend) != Lent) return -1;
        Interlocked.Increment(ref _watchers);
        if (Volatile.Read(ref _lend) == Lent) return Fd;
        Interlocked.Decrement(ref _watchers);
        return -1;
    }

    public void EndWatch()
    {
        _leaseUses++;
        Interlocked.Decrement(ref _watchers);
    }

    public void ReturnToLoop()
    {
        int state = Volatile.Read(ref _lend);
        if (state == Requested) Interlocked.CompareExchange(ref _lend, Home, Requested);
        else if (state == Lent) RequestReturn();
    }

    private void RequestReturn()
    {
        _returnNeeded = false;
        if (Interlocked.CompareExchange(ref _lend, ReturnRequested, Lent) == Lent) PostLendWork();
    }

    private void PostLendWork()
    {
        if (Interlocked.Exchange(ref _lendPosted, 1) == 0) _loop.Post(_lendWork ??= new LendWork(this));
    }

    // Called from the decoder in caller mode instead of OnCommand: the loop runs it on return.
    private bool DeferCommand(ref Msg frame)
    {
        _deferredCommand = frame;
        frame = default;
        _hasDeferredCommand = true;
        _returnNeeded = true;
        return false;
    }

    // Called from the decoder in caller mode instead of Fail.
    private void DeferFailure(EngineEnd end, int errno)
    {
        _callerFaultEnd = end;
        _callerFault = errno;
        _returnNeeded = true;
    }

    // ---- the loop ----

    private sealed class LendWork(ZmtpEngine engine) : IIoWork
    {
        public void RunOnLoop() => engine.RunLendWork();
    }

    private void RunLendWork()
    {
        Volatile.Write(ref _lendPosted, 0);
        switch (Volatile.Read(ref _lend))
        {
            case Requested: TryLend(); break;
            case ReturnRequested: Reclaim(); break;
            case Home: ResumeAfterCancelledLend(); break;
        }
    }

    // The receiver withdrew its request (ReturnToLoop) while the loop was pausing for it.
    private void ResumeAfterCancelledLend()
    {
        if (!_pausedForLend) return;
        _pausedForLend = false;
        if (_phase == Phase.Active && !_inboundBlocked) _loop.ResumeReceiving(_registration!);
    }

    // Only plain message streams are lent: CURVE boxes, a subscriber list's commands (XPUB) and
    // a connection already waiting for credit stay with the loop.
    private bool CanLend =>
        _phase == Phase.Active && _codec is null && !_inboundBlocked && _closedWhileBlocked == 0 && _partialCount == 0
        && _stashStart == _stashLength && _socketType is not (SocketType.Pub or SocketType.XPub) && !_pipe!.PeerClosed;

    private void TryLend()
    {
        if (!CanLend)
        {
            if (_phase == Phase.Active && (_codec is not null || _socketType is SocketType.Pub or SocketType.XPub)) _neverLent = true;
            Interlocked.CompareExchange(ref _lend, Home, Requested);
            ResumeAfterCancelledLend();
            return;
        }
        if (!_registration!.Paused)
        {
            _loop.PauseReceiving(_registration);
            _pausedForLend = true;
        }
        if (!_loop.TryQuiesceReceive(_registration))
        {
            _loop.PostAfterPoll(_lendWork!); // look again once the loop has collected completions
            return;
        }
        // Quiescing may have delivered bytes: they may have ended the connection or used up the credit.
        if (_phase != Phase.Active) return;
        _pausedForLend = false;
        if (!CanLend || Interlocked.CompareExchange(ref _lend, Lent, Requested) != Requested)
        {
            if (Volatile.Read(ref _lend) == Requested) Volatile.Write(ref _lend, Home);
            if (!_inboundBlocked) _loop.ResumeReceiving(_registration);
            return;
        }
        _leaseUsesSeen = Volatile.Read(ref _leaseUses);
        _loop.Schedule(_leaseTimer ??= new IoTimer(OnLeaseTimer), _leaseMs);
        // The receiver may have parked before the lend came through, watching only its wake-up
        // line: nobody would read the descriptor. Wake it so its next park polls it.
        _pipe!.Out.ReaderWaker?.Wake();
    }

    private void OnLeaseTimer()
    {
        if (Volatile.Read(ref _lend) != Lent) return;
        // Used since the last look, or watched now: another lease period. So a connection nobody
        // uses goes back between one and two periods after its last use.
        long uses = Volatile.Read(ref _leaseUses);
        if (Volatile.Read(ref _watchers) > 0 || uses != _leaseUsesSeen)
        {
            _leaseUsesSeen = uses;
            _loop.Schedule(_leaseTimer!, _leaseMs);
            return;
        }
        Reclaim();
    }

    /// <summary>
    /// Heartbeats are sent, answered and checked by the loop, which does not read a lent
    /// connection. A receiver that stops reading (busy between two receives, or stalled in a GC
    /// or a JIT compile) must therefore hand the connection back well inside the heartbeat
    /// timeout of either side, or a PING goes unanswered and a live peer is dropped (measured:
    /// HEARTBEAT_IVL 10 ms against a 30-60 ms compile pause in a REP's first loop). The lease
    /// goes back within two lease periods of its last use, so a period is at most a quarter of
    /// <paramref name="periodMs"/>: our heartbeat interval or timeout, or the gap seen between
    /// the peer's PINGs. (Our own checks, the heartbeat timeout and the
    /// peer's TTL, need no bound: they look for unread bytes before they drop a link.)
    /// </summary>
    private void BoundLease(long periodMs)
    {
        int bound = (int)Math.Clamp(periodMs / 4, 1, LeaseMs);
        if (bound < _leaseMs) _leaseMs = bound;
    }

    // Takes the connection back and finishes what the receiving thread left: a command, a
    // failure, frames or bytes that had no credit; then the loop reads again.
    private void Reclaim()
    {
        lock (_receiveLock)
        {
            int state = _lend;
            if (state is not (Lent or ReturnRequested)) return;
            Volatile.Write(ref _lend, Home);
        }
        if (_leaseTimer is not null) IoLoop.Cancel(_leaseTimer);
        if (_phase != Phase.Active) return;
        if (_callerFault != 0)
        {
            int errno = _callerFault;
            _callerFault = 0;
            Fail(_callerFaultEnd, errno);
            return;
        }
        if (_hasDeferredCommand)
        {
            Msg command = _deferredCommand;
            _deferredCommand = default;
            _hasDeferredCommand = false;
            OnCommand(ref command);
            if (_phase != Phase.Active || _inboundBlocked) return; // blocked: RetryInbound goes on from the stash
            _pipe!.Flush();
            if (_control.Count > 0) PumpOut();
        }
        if (_partialCount > 0 || _stashStart < _stashLength)
        {
            _inboundBlocked = true; // receiving is paused already: RetryInbound resumes it when done
            RetryInbound();
            return;
        }
        _loop.ResumeReceiving(_registration!);
    }

    // End: no receiving thread may be inside (or enter) once the descriptor is closed.
    private void EndLending()
    {
        lock (_receiveLock) Volatile.Write(ref _lend, Ended);
        if (_leaseTimer is not null) IoLoop.Cancel(_leaseTimer);
        if (_hasDeferredCommand)
        {
            _deferredCommand.Close();
            _hasDeferredCommand = false;
        }
    }
}
