using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zinc.Pipes;

// The network engine's shortcuts: small single-frame messages go between a ring slot and a
// wire buffer directly, with no Msg in between (ZmtpEngine's encoder and decoder hot paths).
internal sealed partial class MsgRing
{
    /// <summary>
    /// Appends a single-frame message of at most <see cref="RingSlot.InlineSize"/> bytes straight
    /// from <paramref name="data"/>, with no <see cref="Msg"/> in between (a decoder's fast path).
    /// False when there is no credit.
    /// </summary>
    public bool TryWriteSmall(ReadOnlySpan<byte> data)
    {
        Debug.Assert(data.Length <= RingSlot.InlineSize);
        if (_conflate)
        {
            Msg msg = Msg.Copy(data);
            _conflateSlot!.Write(ref msg);
            return true;
        }
        if (!HasCredit) return false;
        long seq = _w.Next;
        int index = (int)seq & Mask;
        if (index == 0 && seq != 0) AdvanceWriteSegment();
        ref RingSlot slot = ref _writeSegment.Slots[index];
        if (slot.Owner is not null) slot.Owner = null;
        slot.Size = data.Length;
        slot.Flags = 0;
        data.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<CompactInline, byte>(ref slot.Inline), RingSlot.InlineSize));
        _w.Messages++;
        _w.Boundary = seq + 1;
        _w.Next = seq + 1;
        return true;
    }

    /// <summary>
    /// Takes the next frame only if it is a small single-frame message held inline, copying its
    /// bytes to <paramref name="destination"/> (an encoder's fast path); anything else stays.
    /// </summary>
    public bool TryReadSmall(Span<byte> destination, out int size)
    {
        size = 0;
        if (_conflate) return false;
        ref RingSlot slot = ref NextSlot(out bool crosses, out byte mark);
        if (!IsPublished(ref slot, mark) || (slot.Flags & (UserFlagsMask | OverflowFlag)) != 0 || slot.Owner is not null)
            return false;
        if (crosses) LeaveReadSegment();
        size = slot.Size;
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<CompactInline, byte>(ref slot.Inline), size).CopyTo(destination);
        _r.Next++;
        if (++_r.Messages - _r.Reported >= _lwm && _hwm != 0) ReportConsumed();
        return true;
    }
}
