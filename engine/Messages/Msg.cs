using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zinc;

/// <summary>
/// One message frame. Payloads up to <see cref="MaxInlineSize"/> bytes live inside the struct
/// (no allocation); larger ones point at a pooled, reference-counted buffer or at a caller's
/// array. <c>default(Msg)</c> is a valid empty frame. A <see cref="Msg"/> that holds a pooled
/// buffer must be closed (or sent, which moves it) exactly once.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Msg
{
    /// <summary>Payloads up to this size are stored inline.</summary>
    public const int MaxInlineSize = 32;

    // null: inline (or empty); MsgBuffer: pooled and counted; byte[]: a caller's array, shared
    // by copies and left to the GC (zmq_msg_init_data without a free function).
    private object? _owner;
    // The RADIO/DISH group (a string) or the arriving connection's properties (MsgProperties):
    // one field for both keeps the struct at 64 bytes; a message carrying a group has no properties.
    private object? _tag;
    private int _offset;
    private int _size;
    private uint _routingId;
    // Bit 0x80 is the ring's "published" mark (MsgRing); it never leaves the ring.
    internal MsgFlags _flags;
    private InlineBytes _inline;

    /// <summary>A frame holding a copy of <paramref name="data"/>.</summary>
    public static Msg Copy(ReadOnlySpan<byte> data)
    {
        Msg msg = default;
        msg.InitSize(data.Length);
        data.CopyTo(msg.Data);
        return msg;
    }

    /// <summary>A frame that wraps <paramref name="array"/> without copying it; the caller must not change it afterwards.</summary>
    public static Msg Wrap(byte[] array) => Wrap(array, 0, array.Length);

    /// <summary>A frame that wraps part of <paramref name="array"/> without copying it.</summary>
    public static Msg Wrap(byte[] array, int offset, int size)
    {
        ArgumentNullException.ThrowIfNull(array);
        if ((uint)offset > (uint)array.Length || (uint)size > (uint)(array.Length - offset))
            throw new ZmqException(ZmqError.EINVAL, "range outside the array");
        Msg msg = default;
        msg._owner = array;
        msg._offset = offset;
        msg._size = size;
        return msg;
    }

    /// <summary>Payload size in bytes.</summary>
    public readonly int Size => _size;

    /// <summary>The frame's flags (MORE, COMMAND).</summary>
    public MsgFlags Flags
    {
        readonly get => _flags;
        set => _flags = value & (MsgFlags.More | MsgFlags.Command); // the other bits belong to the ring
    }

    /// <summary>True when another frame of the same message follows (ZMQ_MORE).</summary>
    public bool HasMore
    {
        readonly get => (_flags & MsgFlags.More) != 0;
        set => _flags = value ? _flags | MsgFlags.More : _flags & ~MsgFlags.More;
    }

    /// <summary>The routing id of CLIENT/SERVER peers (zmq_msg_routing_id); 0 when none.</summary>
    public uint RoutingId
    {
        readonly get => _routingId;
        set => _routingId = value;
    }

    /// <summary>The RADIO/DISH group (zmq_msg_group); at most 255 bytes.</summary>
    public string? Group
    {
        readonly get => _tag as string;
        set
        {
            if (value is not null && System.Text.Encoding.UTF8.GetByteCount(value) > 255)
                throw new ZmqException(ZmqError.EINVAL, "group longer than 255 bytes");
            _tag = value;
        }
    }

    /// <summary>
    /// The properties of the connection this message arrived on (zmq_msg_gets), or null for a
    /// message that did not come from a ZMTP connection (or carries a group).
    /// </summary>
    public readonly MsgProperties? Properties => _tag as MsgProperties;

    /// <summary>
    /// One property of the connection this message arrived on (zmq_msg_gets): "Socket-Type",
    /// "Identity", "Peer-Address", "User-Id", ZAP metadata or the peer's own metadata; null when absent.
    /// </summary>
    public readonly string? GetProperty(string name) => (_tag as MsgProperties)?.Get(name);

    /// <summary>Removes the first payload byte (CURVE's flags byte in front of a decrypted payload).</summary>
    internal void DropFirstByte()
    {
        if (_size == 0) return;
        if (_owner is null)
        {
            Span<byte> inline = _inline;
            inline.Slice(1, _size - 1).CopyTo(inline);
        }
        else
        {
            _offset++;
        }
        _size--;
    }

    /// <summary>Stamps the arriving connection's properties (the pipe's reader does this).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AttachProperties(MsgProperties properties)
    {
        if (_tag is null) _tag = properties;
    }

    /// <summary>True when the payload lives in a buffer shared by reference (not inline).</summary>
    public readonly bool IsShared => _owner is not null;

    /// <summary>The payload, writable.</summary>
    [UnscopedRef]
    public Span<byte> Data
    {
        get
        {
            object? owner = _owner;
            if (owner is null) return ((Span<byte>)_inline).Slice(0, _size);
            byte[] array = owner is MsgBuffer buffer ? buffer.Array : Unsafe.As<byte[]>(owner);
            return new Span<byte>(array, _offset, _size);
        }
    }

    /// <summary>Releases the current payload and makes room for <paramref name="size"/> bytes (contents undefined).</summary>
    public void InitSize(int size)
    {
        if (size < 0) throw new ZmqException(ZmqError.EINVAL, "negative size");
        Close();
        _size = size;
        if (size <= MaxInlineSize) return;
        if (size <= MsgSlab.MaxCarve) _owner = MsgSlab.Carve(size, out _offset);
        else _owner = MsgBuffer.Rent(size);
    }

    /// <summary>Releases the payload and leaves an empty frame with no flags.</summary>
    public void Close()
    {
        if (_owner is MsgBuffer buffer) buffer.Release();
        this = default;
    }

    /// <summary>Makes this frame a copy of <paramref name="source"/>, sharing its buffer (no bytes copied for large payloads).</summary>
    public void CopyFrom(ref Msg source)
    {
        if (Unsafe.AreSame(ref this, ref source)) return;
        Close();
        if (source._owner is MsgBuffer buffer) buffer.AddRef();
        this = source;
    }

    /// <summary>Moves <paramref name="source"/> into this frame and leaves <paramref name="source"/> empty.</summary>
    public void MoveFrom(ref Msg source)
    {
        if (Unsafe.AreSame(ref this, ref source)) return;
        Close();
        this = source;
        source = default;
    }

    /// <summary>The payload as a new array (allocates; for convenience APIs).</summary>
    public readonly byte[] ToArray()
    {
        Msg self = this;
        return self.Data.ToArray();
    }

    /// <inheritdoc/>
    public override readonly string ToString() => $"Msg({_size} B{(HasMore ? ", more" : "")})";

    internal readonly MsgBuffer? SharedBuffer => _owner as MsgBuffer;

    /// <summary>True when the frame fits a 32-byte ring slot (see <see cref="Pipes.RingSlot"/>).</summary>
    internal readonly bool FitsRingSlot =>
        (_tag is null || _tag is MsgProperties) && _routingId == 0 && (_owner is not null || _size <= Pipes.RingSlot.InlineSize);

    /// <summary>Writes this frame into a ring slot (it must <see cref="FitsRingSlot"/>); flags without the ring's bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal readonly void PackInto(ref Pipes.RingSlot slot)
    {
        if (!ReferenceEquals(slot.Owner, _owner)) slot.Owner = _owner;
        slot.Size = _size;
        slot.Flags = (byte)((byte)_flags & 0x03);
        if (_owner is null)
            Unsafe.As<Pipes.CompactInline, Vector128<byte>>(ref slot.Inline) =
                Unsafe.As<InlineBytes, Vector128<byte>>(ref Unsafe.AsRef(in _inline));
        else
            Unsafe.As<Pipes.CompactInline, int>(ref slot.Inline) = _offset; // a slab's or a wrapped array's
    }

    /// <summary>Clears the reference fields of uninitialised storage before <see cref="UnpackFrom"/> compares them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetEmptyForUnpack()
    {
        _owner = null;
        _tag = null;
    }

    /// <summary>Rebuilds a frame from a ring slot written by <see cref="PackInto"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void UnpackFrom(ref Pipes.RingSlot slot)
    {
        object? owner = slot.Owner;
        if (!ReferenceEquals(_owner, owner)) _owner = owner;
        if (_tag is not null) _tag = null;
        _size = slot.Size;
        _routingId = 0;
        _flags = (MsgFlags)(slot.Flags & 0x03);
        if (owner is null)
        {
            _offset = 0;
            Unsafe.As<InlineBytes, Vector128<byte>>(ref _inline) =
                Unsafe.As<Pipes.CompactInline, Vector128<byte>>(ref slot.Inline);
        }
        else
        {
            _offset = Unsafe.As<Pipes.CompactInline, int>(ref slot.Inline);
        }
    }

    /// <summary>
    /// Copies every field of <paramref name="from"/> into <paramref name="to"/>, without touching
    /// reference counts. Field by field because a whole-struct copy of a struct holding object
    /// references compiles to <c>rep movsq</c>, whose start-up cost dominates a 64-byte copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyFields(ref Msg from, ref Msg to)
    {
        // Reference stores cost a GC write barrier each; inline frames carry nulls, and ring
        // slots usually hold nulls already, so skip the store when nothing changes.
        if (!ReferenceEquals(to._owner, from._owner)) to._owner = from._owner;
        if (!ReferenceEquals(to._tag, from._tag)) to._tag = from._tag;
        to._offset = from._offset;
        to._size = from._size;
        to._routingId = from._routingId;
        to._flags = from._flags;
        to._inline = from._inline;
    }

}
