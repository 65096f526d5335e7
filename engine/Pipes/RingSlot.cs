using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zinc.Pipes;

/// <summary>
/// One frame in a <see cref="MsgRing"/>, in 32 bytes rather than a <see cref="Msg"/>'s 64, so
/// two frames share a cache line and the writer takes back half as many lines from the reader
/// per lap. A payload held by reference keeps its offset (into a slab or a wrapped array) in
/// the first 4 inline bytes. Frames that do not fit (an inline payload over 16 bytes, a group,
/// a routing id) go whole into the segment's overflow array instead.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct RingSlot
{
    public object? Owner;
    public int Size;
    /// <summary>Bits 0-1: MORE/COMMAND; 0x40: the frame is in the overflow array; 0x80 and bits 2-5: the lap mark.</summary>
    public byte Flags;
    public byte Reserved1;
    public short Reserved2;
    public CompactInline Inline;

    public const int InlineSize = 16;
}

/// <summary>The inline payload bytes of a <see cref="RingSlot"/>.</summary>
[InlineArray(RingSlot.InlineSize)]
internal struct CompactInline
{
    private byte _first;
}
