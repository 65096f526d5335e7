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
    /// Appends a single-frame message whose <paramref name="size"/> bytes are at
    /// <paramref name="offset"/> in <paramref name="owner"/> (a slab carve, see
    /// <see cref="MsgSlab"/>), taking over the caller's reference to it. False (reference still
    /// the caller's) when there is no credit.
    /// </summary>
    public bool TryWriteCarved(MsgBuffer owner, int offset, int size)
    {
        if (_conflate || !HasCredit) return false;
        long seq = _w.Next;
        int index = (int)seq & Mask;
        if (index == 0 && seq != 0) AdvanceWriteSegment();
        ref RingSlot slot = ref _writeSegment.Slots[index];
        if (!ReferenceEquals(slot.Owner, owner)) slot.Owner = owner;
        slot.Size = size;
        slot.Flags = 0;
        Unsafe.As<CompactInline, int>(ref slot.Inline) = offset;
        _w.Messages++;
        _w.Boundary = seq + 1;
        _w.Next = seq + 1;
        return true;
    }

    /// <summary>
    /// Takes the next frame only if it is a single-frame message of at most
    /// <paramref name="destination"/>'s length, held inline or in a pooled buffer, copying its
    /// bytes to <paramref name="destination"/> and letting go of the buffer (an encoder's fast
    /// path); anything else stays. The buffer's reference goes to <paramref name="releases"/>.
    /// </summary>
    public bool TryReadSmall(Span<byte> destination, out int size, ref ReleaseBatch releases)
    {
        size = 0;
        if (_conflate) return false;
        ref RingSlot slot = ref NextSlot(out bool crosses, out byte mark);
        if (!IsPublished(ref slot, mark) || (slot.Flags & (UserFlagsMask | OverflowFlag)) != 0) return false;
        object? owner = slot.Owner;
        int length = slot.Size;
        if (length > destination.Length) return false;
        if (owner is null)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<CompactInline, byte>(ref slot.Inline), length).CopyTo(destination);
        }
        else
        {
            if (owner is not MsgBuffer buffer) return false; // a caller's array: the general path
            buffer.Array.AsSpan(Unsafe.As<CompactInline, int>(ref slot.Inline), length).CopyTo(destination);
            releases.Add(buffer); // the slot's reference was ours; the stale pointer is dropped with the segment
        }
        if (crosses) LeaveReadSegment();
        size = length;
        _r.Next++;
        if (++_r.Messages - _r.Reported >= _lwm && _hwm != 0) ReportConsumed();
        return true;
    }
}
