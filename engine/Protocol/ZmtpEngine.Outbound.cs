using Zinc.Reactor.Native;

namespace Zinc.Protocol;

// Pipe to wire: frames are encoded into one staging buffer until a batch's worth of bytes is
// there, then written with one call. Commands (PONG, PING) wait for a message boundary.
internal sealed partial class ZmtpEngine
{
    private const int RoundsPerTurn = 16;

    private Msg _heldOut;
    private bool _hasHeld;
    private bool _outMid;
    private bool _outParked;
    private readonly Queue<Msg> _control = new();

    // A sender whose previous wake-up is this long ago writes a message itself instead of
    // waking the loop (a wake-up costs tens of microseconds in a VM; a send(2) a few).
    private static readonly long IdleTicks = System.Diagnostics.Stopwatch.Frequency / 50_000; // 20 us

    // ZINC_DIRECT_WRITE=0 turns the shortcut off (for side-by-side measurement).
    private static readonly bool DirectWrite = Environment.GetEnvironmentVariable("ZINC_DIRECT_WRITE") != "0";

    // ZINC_SENDER_DRAIN=0 leaves all writing of a busy stream to the loop (for comparison).
    private static readonly bool SenderDrain = Environment.GetEnvironmentVariable("ZINC_SENDER_DRAIN") != "0";

    private readonly object _sendLock = new();

    // REQ and REP send one message per round trip (the next send waits for the other side), so
    // there is never a stream to batch: their sends always write from the caller when idle.
    private bool IsLockStep => _socketType is SocketType.Req or SocketType.Rep;
    private long _lastCallerWake;

    // A lock-step send this long after the previous one finds its peer parked (a wait spins
    // 200 µs by default): see TryPumpFromCaller.
    private static readonly long YieldAfterIdleTicks = System.Diagnostics.Stopwatch.Frequency / 1000; // 1 ms
    private bool _recheckQueued;

    private void PumpOut()
    {
        if (_inPump) return;
        lock (_sendLock)
        {
            _inPump = true;
            try
            {
                PumpOutLocked();
            }
            finally
            {
                _inPump = false;
            }
        }
    }

    private void PumpOutLocked()
    {
        int rounds = 0;
        while (_phase == Phase.Active && !_writeWaiting)
        {
            FillEncoder();
            if (!_encoder.HasPending)
            {
                if (_pipe!.PeerClosed && !_pipe.CanRead && !_hasHeld)
                {
                    End(EngineEnd.Finished, 0);
                    return;
                }
                if (_pipe.In.PrepareReaderToPark())
                {
                    _outParked = true;
                    if (!_recheckQueued)
                    {
                        _recheckQueued = true;
                        _loop.AddParkRecheck(this);
                    }
                    return;
                }
                continue;
            }
            if (!WritePending()) return;
            if (++rounds == RoundsPerTurn)
            {
                Wake(); // let the other connections on this loop have a turn
                return;
            }
        }
    }

    /// <summary>
    /// The sending thread's shortcut: on an idle connection, encode and write what the pipe holds
    /// right here. False hands the work to the loop (busy, blocked, or anything unusual).
    /// </summary>
    private bool TryPumpFromCaller()
    {
        if (!DirectWrite || !_outParked || _loop.IsLoopThread) return false;
        // Idle means the previous wake-up from a sender was a while ago: a stream of messages
        // (wake-ups microseconds apart) stays with the loop, which batches them.
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long sinceLastWake = now - _lastCallerWake;
        _lastCallerWake = now;
        if (sinceLastWake < IdleTicks && !IsLockStep) return false;
        if (!Monitor.TryEnter(_sendLock)) return false;
        bool yieldAfter = false;
        try
        {
            if (_phase != Phase.Active || _inPump || _inboundBlocked || _writeWaiting || !_outParked || _pipe!.PeerClosed) return false;
            while (true)
            {
                FillEncoder();
                if (!_encoder.HasPending)
                {
                    if (!_pipe.In.PrepareReaderToPark()) continue;
                    _outParked = true;
                    yieldAfter = IsLockStep && sinceLastWake > YieldAfterIdleTicks;
                    return true;
                }
                // EAGAIN or an error: the loop writes what is staged, waits, or ends the connection.
                if (_encoder.WriteTo(Fd) != 0) return false;
            }
        }
        finally
        {
            Monitor.Exit(_sendLock);
            // After a quiet spell the peer is parked, and a local peer woken by this send(2) is
            // queued on this very core (a socket wake-up asks the scheduler to keep the wakee
            // beside its waker). The sender has nothing to do but wait for the answer, yet its
            // spin would keep the core for several cold rounds first: hand it over at once.
            // Measured after 20 ms gaps: tcp 90 against 102 µs one-way, ipc 66 against 77.
            if (yieldAfter) Thread.Yield();
        }
    }

    /// <summary>
    /// A sender blocked on this pipe's credit empties it itself: encode and write on the sending
    /// thread, under the send lock, instead of waiting for the loop to wake. Anything unusual
    /// (the socket full, an error, the loop busy) is left to the loop.
    /// </summary>
    public bool DrainFromSender()
    {
        if (!SenderDrain || _phase != Phase.Active || _loop.IsLoopThread || !Monitor.TryEnter(_sendLock)) return false;
        bool drained = false;
        try
        {
            if (_phase != Phase.Active || _inPump || _writeWaiting || _pipe!.PeerClosed) return false;
            while (true)
            {
                FillEncoder();
                if (!_encoder.HasPending) break;
                if (_encoder.WriteTo(Fd) != 0)
                {
                    Wake(); // the loop waits for writable (or ends the connection)
                    return drained;
                }
                drained = true;
            }
            // The sender is the pipe's only writer, so nothing can slip in between these two.
            if (_pipe.In.PrepareReaderToPark()) _outParked = true;
            return drained;
        }
        finally
        {
            Monitor.Exit(_sendLock);
        }
    }

    private void FillEncoder()
    {
        _outParked = false;
        if (_codec is null && !_outMid && !_hasHeld && _control.Count == 0 && !_session.OutboundMidMessage && !_pipe!.PeerClosed &&
            _socketType is not (SocketType.Sub or SocketType.XSub))
            EncodeSmallMessages();
        while (_encoder.Staged < _batchSize && !_encoder.Blocked)
        {
            Msg msg;
            if (!_outMid && _control.Count > 0)
            {
                msg = _control.Peek();
                if (!EncodeFrame(ref msg)) return;
                _control.Dequeue();
                continue;
            }
            if (_hasHeld)
            {
                msg = _heldOut;
                _heldOut = default;
                _hasHeld = false;
            }
            else
            {
                if (!_pipe!.TryRead(out msg)) return;
                if (_session.OutboundMidMessage)
                {
                    // The rest of a message whose start went out on a connection that dropped.
                    _session.OutboundMidMessage = msg.HasMore;
                    msg.Close();
                    continue;
                }
                if (_version == ZmtpVersion.V31 && !_outMid) ToSubscribeCommand(ref msg);
            }
            bool more = msg.HasMore;
            if (!EncodeFrame(ref msg))
            {
                _heldOut = msg;
                _hasHeld = true;
                return;
            }
            _outMid = more;
        }
    }

    /// <summary>Encodes one frame, sealed as a CURVE MESSAGE once CURVE is up; false (frame untouched) when there is no room.</summary>
    private bool EncodeFrame(ref Msg msg) =>
        _codec is null ? _encoder.TryEncode(ref msg) : _encoder.TryEncodeSealed(ref msg, _codec);

    // The hot path for small single-frame messages: ring slot to staging buffer, no Msg in between.
    // Stops at the first frame of any other shape, which the general loop then takes.
    private void EncodeSmallMessages()
    {
        Pipes.MsgRing ring = _pipe!.In;
        var releases = new Pipes.ReleaseBatch();
        while (_encoder.Staged < _batchSize)
        {
            Span<byte> room = _encoder.ShortFrameRoom(byte.MaxValue);
            if (room.IsEmpty || !ring.TryReadSmall(room.Slice(2), out int size, ref releases)) break;
            _encoder.CommitShortFrame(size);
        }
        releases.Flush();
    }

    // A subscriber talking to a 3.1 peer sends SUBSCRIBE/CANCEL commands, not the 3.0 message form.
    private void ToSubscribeCommand(ref Msg msg)
    {
        if (_socketType is not (SocketType.Sub or SocketType.XSub) || msg.HasMore || msg.Size == 0) return;
        ReadOnlySpan<byte> data = msg.Data;
        if (data[0] > 1) return;
        Msg command = ZmtpCommand.Build(data[0] == 1 ? "SUBSCRIBE"u8 : "CANCEL"u8, data.Slice(1));
        msg.Close();
        msg = command;
    }

    /// <summary>Sends a command at the next message boundary.</summary>
    private void EncodeControl(ref Msg command)
    {
        // Under the send lock: a sender writing directly (TryPumpFromCaller, DrainFromSender)
        // dequeues from the same queue on its own thread while the loop queues a PING or PONG.
        lock (_sendLock) _control.Enqueue(command);
        command = default;
        if (_phase == Phase.Active && !_inPump)
        {
            PumpOut();
        }
    }

    /// <summary>What was read from the pipe but never written, for the session to account for.</summary>
    private void ReleaseOutbound()
    {
        bool midMessage = _outMid || _hasHeld && _heldOut.HasMore;
        if (_pipe is not null && midMessage) _session.OutboundMidMessage = true;
        _heldOut.Close();
        _hasHeld = false;
        while (_control.TryDequeue(out Msg command)) command.Close();
    }
}
