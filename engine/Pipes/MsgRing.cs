using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Zinc.Pipes;

/// <summary>
/// A lock-free single-producer single-consumer queue of <see cref="Msg"/> frames: a chain of
/// fixed-size segments of 32-byte <see cref="RingSlot"/>s (spares are recycled, so the steady
/// state allocates nothing), with batched publication and high-water-mark credit counted in
/// whole messages. With ZMQ_CONFLATE it is a <see cref="ConflateSlot"/> instead.
/// </summary>
/// <remarks>
/// Publication is per slot: a frame is visible once its flags byte carries its segment's lap mark,
/// set by <see cref="Flush"/> with a release store, last frame first, so a reader that sees a
/// message's first frame sees all of it. There is no shared tail counter: the only line the two
/// threads share per message is the slot itself, and the writer issues no locked instruction.
/// Wake-ups: a reader about to park raises <c>_readerParked</c> (a full fence) and re-checks the
/// next slot; a flush that finds the flag raised wakes the reader. The writer reads the flag
/// without a fence, so in a narrow race it may miss it; parked readers therefore park in bounded
/// slices and re-check (Socket.Park), and the miss costs at most one slice, never a hang.
/// Credit: the reader reports how many messages it consumed every <c>lwm</c> messages and before
/// it parks, with a full fence, and wakes a writer that declared itself blocked on credit.
/// </remarks>
internal sealed partial class MsgRing
{
    internal const int SegmentSize = 256;
    private const int Mask = SegmentSize - 1;
    // A slot's flags byte keeps MORE/COMMAND in bits 0-1, 0x40 for "the frame is in the overflow
    // array", and the publication mark: 0x80 plus the segment's lap in bits 2-5. The reader never
    // clears a slot's mark (a write
    // would take the cache line away from the writer, who must then fetch it back on the next
    // lap); a stale mark carries the previous lap's number and does not match.
    private const byte UserFlagsMask = 0x03;
    private const byte OverflowFlag = 0x40;

    private sealed class Segment
    {
        public readonly RingSlot[] Slots = new RingSlot[SegmentSize];
        // Frames that do not fit a RingSlot, at the same index (allocated on first need).
        public Msg[]? Overflow;
        public Segment? Next;
        public byte Mark = 0x80;

        /// <summary>
        /// Lets go of payloads the slots still point at (the reader never clears a slot as it
        /// reads): a caller's wrapped array must not live on in a spare segment. Once per
        /// segment, and only slots that hold a reference are written.
        /// </summary>
        public void DropReferences()
        {
            RingSlot[] slots = Slots;
            for (int i = 0; i < slots.Length; i++)
                if (slots[i].Owner is not null) slots[i].Owner = null;
            if (Overflow is not null) Array.Clear(Overflow);
        }

        /// <summary>
        /// Starts another lap: every slot is rewritten before the reader gets here again. The
        /// writer first stores a byte into every slot, so it takes ownership of the segment's
        /// cache lines, which the reader's core still holds from the last lap, in one burst of
        /// overlapping requests instead of one stall per line as frames arrive.
        /// </summary>
        public void Reuse()
        {
            Mark = (byte)(0x80 | ((Mark + 4) & 0x3C));
            RingSlot[] slots = Slots;
            for (int i = 0; i < slots.Length; i++) slots[i].Reserved1 = 0;
        }
    }

    private WriterCursor _w;
    private PaddedLong _readerParked;
    private PaddedLong _consumed;
    private PaddedLong _writerBlocked;
    private ReaderCursor _r;

    private Segment _writeSegment;
    private Segment _flushSegment;
    private Segment _readSegment;
    // Segments the reader finished with, for the writer to reuse: enough for the frames a full
    // queue holds (twice the HWM, for multipart messages), so a deep queue allocates nothing.
    private readonly Segment?[] _spares;
    private int _parties = 2;
    private volatile bool _discard;

    // ZMQ_CONFLATE: the ring is replaced by a ConflateSlot that keeps the newest whole message.
    private readonly bool _conflate;
    private readonly ConflateSlot? _conflateSlot;

    /// <param name="hwm">Messages in flight before the writer is refused; 0 means unlimited.</param>
    /// <param name="conflate">Keep only the newest message (ZMQ_CONFLATE).</param>
    public MsgRing(int hwm, bool conflate = false) : this(RingLimit.Writer(hwm), conflate)
    {
    }

    /// <param name="limit">Whose high-water marks make the ring's.</param>
    /// <param name="conflate">Keep only the newest message (ZMQ_CONFLATE).</param>
    public MsgRing(RingLimit limit, bool conflate = false)
    {
        if (conflate) limit = RingLimit.Writer(0);
        Debug.Assert(limit.Effective >= 0);
        _conflate = conflate;
        if (conflate) _conflateSlot = new ConflateSlot();
        InitLimit(limit);
        int hwm = limit.Effective;
        _spares = new Segment?[hwm == 0 ? 16 : Math.Clamp(2 * hwm / SegmentSize + 2, 8, 64)];
        _writeSegment = _flushSegment = _readSegment = new Segment();
    }

    public IPipeWaker? ReaderWaker { get; set; }

    public IPipeWaker? WriterWaker { get; set; }

    /// <summary>
    /// Set when the writer left with a finite LINGER: after this MonotonicClock.Milliseconds the
    /// reader drops what it has not read. 0 means no deadline.
    /// </summary>
    public long DiscardDeadline { get; set; }

    /// <summary>ZMQ_CONFLATE: only the newest message is kept.</summary>
    public bool Conflate => _conflate;

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
            RefillCredit(_hwm);
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
        if (_conflate)
        {
            _conflateSlot!.Write(ref msg);
            return true;
        }
        if (!continuation && !HasCredit) return false;
        long seq = _w.Next;
        int index = (int)seq & Mask;
        if (index == 0 && seq != 0) AdvanceWriteSegment();
        Segment segment = _writeSegment;
        ref RingSlot slot = ref segment.Slots[index];
        if (msg.FitsRingSlot)
        {
            msg.PackInto(ref slot);
        }
        else
        {
            Msg[] overflow = segment.Overflow ??= new Msg[SegmentSize];
            Msg.CopyFields(ref msg, ref overflow[index]);
            slot.Flags = (byte)(((byte)msg._flags & UserFlagsMask) | OverflowFlag);
        }
        if (!msg.HasMore)
        {
            _w.Messages++;
            _w.Boundary = seq + 1;
        }
        msg = default;
        _w.Next = seq + 1;
        return true;
    }

    /// <summary>
    /// <see cref="TryWrite"/> and <see cref="Flush"/> of a single-frame message in one step (the
    /// common send): the slot is found once and published at once. False when there is no credit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWriteAndFlush(ref Msg msg)
    {
        long seq = _w.Next;
        int index = (int)seq & Mask;
        // Anything unusual takes the two-step path: a conflating ring, frames written and not yet
        // published, the first slot of a segment, a frame that does not fit a slot, more to come.
        if (_conflate || index == 0 || _w.Flushed != seq || !msg.FitsRingSlot || msg.HasMore)
        {
            if (!TryWrite(ref msg)) return false;
            Flush();
            return true;
        }
        if (!HasCredit) return false;
        Segment segment = _writeSegment;
        ref RingSlot slot = ref segment.Slots[index];
        msg.PackInto(ref slot);
        msg = default;
        _w.Messages++;
        seq++;
        _w.Next = seq;
        _w.Boundary = seq;
        _w.Flushed = seq;
        MarkPublished(ref slot, segment.Mark);
        if (!ReferenceEquals(_flushSegment, segment)) _flushSegment = segment; // skip the write barrier
        WakeParkedReader();
        return true;
    }

    private void AdvanceWriteSegment()
    {
        Segment? next = TakeSpare();
        if (next is null) next = new Segment();
        else next.Reuse();
        Volatile.Write(ref _writeSegment.Next, next); // publishes the segment's new lap mark
        _writeSegment = next;
    }

    /// <summary>Publishes what was written; wakes the reader if it was parked.</summary>
    public void Flush() => Publish(_w.Next);

    /// <summary>
    /// Publishes complete messages only: a writer that leaves mid-message must not hand the
    /// reader half of one (the unpublished frames are released by <see cref="Leave"/>).
    /// </summary>
    public void FlushCompleteMessages() => Publish(_w.Boundary);

    private void Publish(long end)
    {
        if (_conflate)
        {
            WakeParkedReader();
            return;
        }
        long start = _w.Flushed;
        if (end <= start) return;
        if (end == _w.Next && end - start == 1 && ((int)start & Mask) != 0)
        {
            // The common case: one single-frame message in the current segment.
            Segment current = _writeSegment;
            MarkPublished(ref current.Slots[(int)start & Mask], current.Mark);
            if (!ReferenceEquals(_flushSegment, current)) _flushSegment = current; // skip the write barrier
        }
        else
        {
            PublishRange(start, end);
        }
        _w.Flushed = end;
        WakeParkedReader();
    }

    // No fence here on purpose (see the remarks): a locked instruction per message would stall
    // the writer on the slot's cache line. Inlined: only a parked reader costs a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WakeParkedReader()
    {
        if (Volatile.Read(ref _readerParked.Value) != 0) WakeParkedReaderSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WakeParkedReaderSlow()
    {
        if (Interlocked.Exchange(ref _readerParked.Value, 0) != 0) ReaderWaker?.Wake();
    }

    // Several frames: mark the last one first, so the mark on a message's first frame implies
    // the rest are marked. Frames may span segments; _flushSegment holds the last published one
    // (the same rule as the reader's: a frame at index 0 lives in the next segment).
    private void PublishRange(long start, long end)
    {
        int links = 0;
        Segment segment = _flushSegment;
        for (long seq = start; seq < end; seq++)
        {
            bool segmentStart = ((int)seq & Mask) == 0;
            if (segmentStart && seq != 0) segment = segment.Next!;
            if (seq != start && !segmentStart) continue;
            if (links == _chain.Length) Array.Resize(ref _chain, links * 2);
            _chain[links++] = segment;
        }
        int link = links - 1;
        for (long seq = end - 1; seq >= start; seq--)
        {
            int index = (int)seq & Mask;
            MarkPublished(ref _chain[link]!.Slots[index], _chain[link]!.Mark);
            if (index == 0 && seq != start) link--;
        }
        Array.Clear(_chain, 0, links);
        _flushSegment = segment;
    }

    private Segment?[] _chain = new Segment?[4];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MarkPublished(ref RingSlot slot, byte mark) =>
        Volatile.Write(ref slot.Flags, (byte)((slot.Flags & (UserFlagsMask | OverflowFlag)) | mark));

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
}
