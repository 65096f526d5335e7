using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Zinc.Pipes;

// The reader side: taking published frames, recycling segments, reporting consumption (credit).
internal sealed partial class MsgRing
{
    private void GiveSpare(Segment segment)
    {
        for (int i = 0; i < _spares.Length; i++)
        {
            if (Volatile.Read(ref _spares[i]) is null && Interlocked.CompareExchange(ref _spares[i], segment, null) is null)
                return;
        }
    }

    /// <summary>The slot the reader would take next, or a null ref when its segment is not linked yet.</summary>
    private ref RingSlot NextSlot(out bool crossesSegment, out byte mark)
    {
        long seq = _r.Next;
        int index = (int)seq & Mask;
        crossesSegment = index == 0 && seq != 0;
        if (!crossesSegment)
        {
            mark = _readSegment.Mark;
            return ref _readSegment.Slots[index];
        }
        Segment? next = Volatile.Read(ref _readSegment.Next);
        if (next is null)
        {
            mark = 0;
            return ref Unsafe.NullRef<RingSlot>();
        }
        mark = next.Mark;
        return ref next.Slots[0];
    }

    private static bool IsPublished(ref RingSlot slot, byte mark) =>
        !Unsafe.IsNullRef(ref slot) &&
        (Volatile.Read(ref slot.Flags) & ~(UserFlagsMask | OverflowFlag)) == mark;

    /// <summary>True when a frame can be read now.</summary>
    public bool CanRead => _conflate ? _conflateSlot!.CanRead : IsPublished(ref NextSlot(out _, out byte mark), mark);

    /// <summary>Takes the next published frame, if any. Never parks.</summary>
    public bool TryRead(out Msg msg)
    {
        if (_conflate) return _conflateSlot!.TryRead(out msg);
        ref RingSlot slot = ref NextSlot(out bool crosses, out byte mark);
        if (!IsPublished(ref slot, mark))
        {
            msg = default;
            if (_reportWanted != 0) ReportWanted();
            return false;
        }
        if (crosses) LeaveReadSegment();
        if ((slot.Flags & OverflowFlag) == 0)
        {
            // UnpackFrom writes every field a frame of this shape uses; no need to zero first.
            Unsafe.SkipInit(out msg);
            msg.SetEmptyForUnpack();
            msg.UnpackFrom(ref slot);
        }
        else
        {
            msg = default;
            Msg.CopyFields(ref _readSegment.Overflow![(int)_r.Next & Mask], ref msg);
            msg._flags = (MsgFlags)((byte)msg._flags & UserFlagsMask);
        }
        _r.Next++;
        if (!msg.HasMore && ++_r.Messages - _r.Reported >= _lwm && _hwm != 0) ReportConsumed();
        return true;
    }

    private void LeaveReadSegment()
    {
        Segment old = _readSegment;
        _readSegment = old.Next!;
        old.Next = null;
        old.DropReferences();
        GiveSpare(old);
    }

    /// <summary>
    /// Declares the reader parked. Returns false if frames arrived meanwhile (do not park); true
    /// means the writer's next flush will wake <see cref="ReaderWaker"/>.
    /// </summary>
    public bool PrepareReaderToPark()
    {
        // Even with no mark: one may be set while this reader sleeps, and the writer must then
        // find the ring's consumption up to date.
        if (_r.Messages != _r.Reported) ReportConsumed();
        Interlocked.Exchange(ref _readerParked.Value, 1);
        return !CanRead;
    }

    private void ReportConsumed()
    {
        _r.Reported = _r.Messages;
        // Full fence: the writer sets _writerBlocked and then re-reads _consumed; one of us sees the other.
        Interlocked.Exchange(ref _consumed.Value, _r.Messages);
        if (Volatile.Read(ref _writerBlocked.Value) != 0 && Interlocked.Exchange(ref _writerBlocked.Value, 0) != 0)
            WriterWaker?.Wake();
    }
}
