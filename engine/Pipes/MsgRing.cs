using System.Diagnostics;

namespace Zinc.Pipes;

/// <summary>
/// A lock-free single-producer single-consumer queue of <see cref="Msg"/> frames: a chain of
/// fixed-size segments (one spare is recycled, so the steady state allocates nothing), with
/// batched publication and high-water-mark credit counted in whole messages.
/// </summary>
/// <remarks>
/// Publication: the writer fills slots privately and makes them visible with <see cref="Flush"/>,
/// one compare-and-swap per batch. A reader that found the ring empty and wants to park swaps the
/// published sequence for <see cref="Asleep"/>; the writer's next flush then fails its CAS, writes
/// the sequence plainly and wakes the reader. So wake-ups happen only on the empty-to-non-empty
/// edge of a parked reader, never per message.
/// Credit: the reader reports how many messages it consumed every <c>lwm</c> messages and before
/// it parks, with a full fence, and wakes a writer that declared itself blocked on credit.
/// </remarks>
internal sealed class MsgRing
{
    internal const int SegmentSize = 256;
    private const int Mask = SegmentSize - 1;
    private const long Asleep = -1;

    private sealed class Segment
    {
        public readonly Msg[] Slots = new Msg[SegmentSize];
        public Segment? Next;
    }

    private WriterCursor _w;
    private PaddedLong _published;
    private PaddedLong _consumed;
    private PaddedLong _writerBlocked;
    private ReaderCursor _r;

    private Segment _writeSegment;
    private Segment _readSegment;
    // Segments the reader finished with, for the writer to reuse: enough for a few thousand
    // frames in flight without allocating.
    private readonly Segment?[] _spares = new Segment?[8];
    private readonly int _hwm;
    private readonly int _lwm;
    private int _parties = 2;
    private volatile bool _discard;

    /// <param name="hwm">Messages in flight before the writer is refused; 0 means unlimited.</param>
    public MsgRing(int hwm)
    {
        Debug.Assert(hwm >= 0);
        _hwm = hwm;
        _lwm = hwm > 1 ? (hwm + 1) / 2 : 1;
        _w.CreditLimit = hwm == 0 ? long.MaxValue : hwm;
        _writeSegment = _readSegment = new Segment();
    }

    public IPipeWaker? ReaderWaker { get; set; }

    public IPipeWaker? WriterWaker { get; set; }

    public int HighWatermark => _hwm;

    /// <summary>
    /// Set when the writer left with a finite LINGER: after this Environment.TickCount64 the
    /// reader drops what it has not read. 0 means no deadline.
    /// </summary>
    public long DiscardDeadline { get; set; }

    /// <summary>ZMQ_CONFLATE on either end: the reader keeps only the newest message.</summary>
    public bool Conflate { get; set; }

    /// <summary>Set when the writer left with linger 0: the reader drops what is left.</summary>
    public bool Discard
    {
        get => _discard;
        set => _discard = value;
    }

    // ---- writer side ----

    /// <summary>True when a new message (not a continuation frame) would be accepted now.</summary>
    public bool HasCredit
    {
        get
        {
            if (_w.Messages < _w.CreditLimit) return true;
            _w.CreditLimit = Volatile.Read(ref _consumed.Value) + _hwm;
            return _w.Messages < _w.CreditLimit;
        }
    }

    /// <summary>
    /// Appends a frame without publishing it. The first frame of a message needs credit;
    /// continuation frames (<paramref name="continuation"/>) are always accepted so a message is
    /// never split. On success <paramref name="msg"/> is moved into the ring.
    /// </summary>
    public bool TryWrite(ref Msg msg, bool continuation = false)
    {
        if (!continuation && !HasCredit) return false;
        long seq = _w.Next;
        int index = (int)seq & Mask;
        if (index == 0 && seq != 0)
        {
            Segment next = TakeSpare() ?? new Segment();
            _writeSegment.Next = next;
            _writeSegment = next;
        }
        _writeSegment.Slots[index] = msg;
        if (!msg.HasMore)
        {
            _w.Messages++;
            _w.Boundary = seq + 1;
        }
        msg = default;
        _w.Next = seq + 1;
        return true;
    }

    /// <summary>Publishes what was written; wakes the reader if it was parked.</summary>
    public void Flush() => Publish(_w.Next);

    /// <summary>
    /// Publishes complete messages only: a writer that leaves mid-message must not hand the
    /// reader half of one (the unpublished frames are released by <see cref="Leave"/>).
    /// </summary>
    public void FlushCompleteMessages() => Publish(_w.Boundary);

    private void Publish(long next)
    {
        long flushed = _w.Flushed;
        if (next <= flushed) return;
        _w.Flushed = next;
        if (Interlocked.CompareExchange(ref _published.Value, next, flushed) == flushed) return;
        // The reader swapped in Asleep after seeing 'flushed': it is parked or about to be.
        Volatile.Write(ref _published.Value, next);
        ReaderWaker?.Wake();
    }

    /// <summary>
    /// Declares the writer blocked on credit. Returns false if credit appeared meanwhile (do not
    /// park); true means the reader will wake <see cref="WriterWaker"/> when it frees credit.
    /// </summary>
    public bool PrepareWriterToPark()
    {
        if (_hwm == 0) return false;
        Interlocked.Exchange(ref _writerBlocked.Value, 1);
        return !HasCredit;
    }

    private Segment? TakeSpare()
    {
        for (int i = 0; i < _spares.Length; i++)
        {
            if (Volatile.Read(ref _spares[i]) is not null && Interlocked.Exchange(ref _spares[i], null) is { } segment)
                return segment;
        }
        return null;
    }

    // ---- reader side ----

    private void GiveSpare(Segment segment)
    {
        for (int i = 0; i < _spares.Length; i++)
        {
            if (Volatile.Read(ref _spares[i]) is null && Interlocked.CompareExchange(ref _spares[i], segment, null) is null)
                return;
        }
    }

    /// <summary>True when a frame can be read now.</summary>
    public bool CanRead
    {
        get
        {
            if (_r.Next != _r.Limit) return true;
            long p = Volatile.Read(ref _published.Value);
            if (p == Asleep || p == _r.Next) return false;
            _r.Limit = p;
            return true;
        }
    }

    /// <summary>Takes the next published frame, if any. Never parks.</summary>
    public bool TryRead(out Msg msg)
    {
        if (!CanRead)
        {
            msg = default;
            return false;
        }
        long seq = _r.Next;
        int index = (int)seq & Mask;
        if (index == 0 && seq != 0)
        {
            Segment old = _readSegment;
            _readSegment = old.Next!;
            old.Next = null;
            GiveSpare(old);
        }
        ref Msg slot = ref _readSegment.Slots[index];
        msg = slot;
        slot = default;
        _r.Next = seq + 1;
        if (!msg.HasMore && ++_r.Messages - _r.Reported >= _lwm && _hwm != 0) ReportConsumed();
        return true;
    }

    /// <summary>
    /// Declares the reader parked. Returns false if frames arrived meanwhile (do not park); true
    /// means the writer's next flush will wake <see cref="ReaderWaker"/>.
    /// </summary>
    public bool PrepareReaderToPark()
    {
        if (_hwm != 0 && _r.Messages != _r.Reported) ReportConsumed();
        long seq = _r.Next;
        if (seq != _r.Limit) return false;
        long p = Interlocked.CompareExchange(ref _published.Value, Asleep, seq);
        if (p == seq || p == Asleep) return true;
        _r.Limit = p;
        return false;
    }

    private void ReportConsumed()
    {
        _r.Reported = _r.Messages;
        // Full fence: the writer sets _writerBlocked and then re-reads _consumed; one of us sees the other.
        Interlocked.Exchange(ref _consumed.Value, _r.Messages);
        if (Volatile.Read(ref _writerBlocked.Value) != 0 && Interlocked.Exchange(ref _writerBlocked.Value, 0) != 0)
            WriterWaker?.Wake();
    }

    // ---- teardown ----

    /// <summary>
    /// One of the two ends is done with the ring. The second to leave releases the frames still
    /// queued (their pooled buffers go back to the pool).
    /// </summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _parties) != 0) return;
        Segment? segment = _readSegment;
        long seq = _r.Next;
        long end = Math.Max(_w.Next, seq);
        for (; seq < end; seq++)
        {
            int index = (int)seq & Mask;
            if (index == 0 && seq != 0) segment = segment?.Next;
            if (segment is null) break;
            segment.Slots[index].Close();
        }
    }
}
