using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Zinc.Pipes;

// Teardown: the two ends leave, and the second releases what the ring still holds.
internal sealed partial class MsgRing
{
    /// <summary>
    /// One of the two ends is done with the ring. The second to leave releases the frames still
    /// queued, published or not (their pooled buffers go back to the pool).
    /// </summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _parties) != 0) return;
        if (_conflate)
        {
            _conflateSlot!.ReleaseAll();
            return;
        }
        // Slots before the read position hold stale copies (the reader never clears them): only
        // the frames from the read position to the write position are still owned by the ring.
        Segment? segment = _readSegment;
        for (long seq = _r.Next; seq < _w.Next && segment is not null; seq++)
        {
            int index = (int)seq & Mask;
            if (index == 0 && seq != 0) segment = segment.Next;
            if (segment is null) break;
            Msg frame = default;
            ref RingSlot slot = ref segment.Slots[index];
            if ((slot.Flags & OverflowFlag) == 0) frame.UnpackFrom(ref slot);
            else Msg.CopyFields(ref segment.Overflow![index], ref frame);
            frame.Close();
        }
    }
}
