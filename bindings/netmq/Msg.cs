using System.Text;
using ZMsg = Zinc.Msg;

namespace NetMQ;

/// <summary>Flags of a <see cref="Msg"/>.</summary>
[Flags]
public enum MsgFlags : byte
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>More frames of this message follow.</summary>
    More = 1,
    /// <summary>A routing identity frame.</summary>
    Identity = 64,
    /// <summary>A shared buffer.</summary>
    Shared = 128,
}

/// <summary>What a <see cref="Msg"/> holds.</summary>
public enum MsgType : byte
{
    /// <summary>Not initialised.</summary>
    Invalid = 0,
    /// <summary>No data.</summary>
    Empty = 101,
    /// <summary>A buffer of its own.</summary>
    Pool = 102,
    /// <summary>A caller-supplied array.</summary>
    GC = 103,
    /// <summary>A delimiter.</summary>
    Delimiter = 104,
}

/// <summary>
/// One frame, NetMQ's struct: InitEmpty/InitPool/InitGC, Data/Offset/Size, Close. It either owns an
/// array (what you build and send) or holds a frame received by the engine (a <see cref="Zinc.Msg"/>),
/// whose bytes <see cref="Slice()"/> reads in place; <see cref="Data"/> copies them into an array once.
/// </summary>
public struct Msg
{
    /// <summary>Longest group name (draft RADIO/DISH).</summary>
    public const int MaxGroupLength = 255;

    private byte[]? _array;
    private int _offset;
    private int _size;
    private ZMsg _received;
    private bool _isReceived;
    private MsgType _type;
    private MsgFlags _flags;

    /// <summary>Payload size in bytes.</summary>
    public int Size => _size;

    /// <summary>True for a zero-length frame.</summary>
    public bool IsEmpty => _size == 0;

    /// <summary>Offset of the payload in <see cref="Data"/>.</summary>
    public int Offset => _offset;

    /// <summary>What the frame holds.</summary>
    public MsgType MsgType => _type;

    /// <summary>True for a delimiter.</summary>
    public bool IsDelimiter => _type == MsgType.Delimiter;

    /// <summary>True once an Init* method was called (and until <see cref="Close"/>).</summary>
    public bool IsInitialised => _type != MsgType.Invalid;

    /// <summary>The frame's flags.</summary>
    public MsgFlags Flags => _flags;

    /// <summary>True when more frames of the message follow.</summary>
    public bool HasMore
    {
        readonly get => (_flags & MsgFlags.More) != 0;
        set => _flags = value ? _flags | MsgFlags.More : _flags & ~MsgFlags.More;
    }

    /// <summary>True when the buffer is shared.</summary>
    public bool IsShared => (_flags & MsgFlags.Shared) != 0;

    /// <summary>True for a routing identity frame.</summary>
    public bool IsIdentity => (_flags & MsgFlags.Identity) != 0;

    /// <summary>True for a JOIN command (draft DISH); never set here.</summary>
    public bool IsJoin => false;

    /// <summary>True for a LEAVE command (draft DISH); never set here.</summary>
    public bool IsLeave => false;

    /// <summary>Routing id (draft SERVER/PEER sockets).</summary>
    public uint RoutingId { get; set; }

    /// <summary>Group (draft RADIO/DISH sockets).</summary>
    public string Group { get; set; }

    /// <summary>
    /// The array the payload lives in, from <see cref="Offset"/> for <see cref="Size"/> bytes (null
    /// for an empty frame). For a received frame the bytes are copied into an array on first use.
    /// </summary>
    public byte[]? Data
    {
        get
        {
            if (_isReceived && _array is null && _size > 0)
            {
                _array = _received.ToArray();
                _offset = 0;
            }
            return _array;
        }
    }

    /// <summary>The byte at <paramref name="index"/> of the payload.</summary>
    public byte this[int index]
    {
        get => Slice()[index];
        set => Slice()[index] = value;
    }

    /// <summary>Sets flags.</summary>
    public void SetFlags(MsgFlags flags) => _flags |= flags;

    /// <summary>Clears flags.</summary>
    public void ResetFlags(MsgFlags flags) => _flags &= ~flags;

    /// <summary>The payload, in place.</summary>
    public Span<byte> Slice()
    {
        // Small received frames were copied into _array (FromEngine); a large one's bytes are on the heap.
        if (_isReceived && _array is null)
            return System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(_received.Data), _size);
        return _array is null ? Span<byte>.Empty : _array.AsSpan(_offset, _size);
    }

    /// <summary>The payload from <paramref name="offset"/>.</summary>
    public Span<byte> Slice(int offset) => Slice()[offset..];

    /// <summary>Part of the payload.</summary>
    public Span<byte> Slice(int offset, int count) => Slice().Slice(offset, count);

    /// <summary>The payload as memory (copies a received frame into an array first).</summary>
    public Memory<byte> SliceAsMemory() => Data is { } data ? data.AsMemory(_offset, _size) : Memory<byte>.Empty;

    /// <summary>Copies the payload to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination) => Slice().CopyTo(destination);

    /// <summary>A copy of the payload.</summary>
    public byte[] ToArray() => Slice().ToArray();

    /// <summary>A copy of the payload.</summary>
    public byte[] CloneData() => ToArray();

    /// <summary>Enumerates the payload bytes.</summary>
    public Span<byte>.Enumerator GetEnumerator() => Slice().GetEnumerator();

    /// <summary>An empty frame.</summary>
    public void InitEmpty()
    {
        Reset(MsgType.Empty);
    }

    /// <summary>A frame with a buffer of <paramref name="size"/> bytes of its own.</summary>
    public void InitPool(int size)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size));
        Reset(MsgType.Pool);
        _array = new byte[size];
        _size = size;
    }

    /// <summary>A frame over the first <paramref name="size"/> bytes of <paramref name="data"/> (not copied).</summary>
    public void InitGC(byte[] data, int size) => InitGC(data, 0, size);

    /// <summary>A frame over part of <paramref name="data"/> (not copied).</summary>
    public void InitGC(byte[] data, int offset, int size)
    {
        ArgumentNullException.ThrowIfNull(data);
        if ((uint)offset > (uint)data.Length || (uint)size > (uint)(data.Length - offset))
            throw new ArgumentOutOfRangeException(nameof(size));
        Reset(MsgType.GC);
        _array = data;
        _offset = offset;
        _size = size;
    }

    /// <summary>A delimiter frame.</summary>
    public void InitDelimiter() => Reset(MsgType.Delimiter);

    /// <summary>Releases the payload; the frame is uninitialised afterwards.</summary>
    public void Close()
    {
        if (!IsInitialised) throw new FaultException("Cannot close an uninitialised Msg.");
        if (_isReceived) _received.Close();
        this = default;
    }

    /// <summary>Kept for source compatibility (buffers are garbage collected).</summary>
    public void AddReferences(int amount) { }

    /// <summary>Kept for source compatibility (buffers are garbage collected).</summary>
    public void RemoveReferences(int amount) { }

    /// <summary>The payload decoded with <paramref name="encoding"/>.</summary>
    public string GetString(Encoding encoding) => encoding.GetString(Slice());

    /// <summary>Part of the payload decoded with <paramref name="encoding"/>.</summary>
    public string GetString(Encoding encoding, int offset, int count) => encoding.GetString(Slice(offset, count));

    /// <summary>Copies <paramref name="count"/> bytes of <paramref name="src"/> into the payload at <paramref name="dstOffset"/>.</summary>
    public void Put(byte[]? src, int dstOffset, int count)
    {
        if (count == 0 || src is null) return;
        src.AsSpan(0, count).CopyTo(Slice(dstOffset));
    }

    /// <summary>Copies part of <paramref name="src"/> into the payload at <paramref name="dstOffset"/>.</summary>
    public void Put(byte[]? src, int srcOffset, int dstOffset, int count)
    {
        if (count == 0 || src is null) return;
        src.AsSpan(srcOffset, count).CopyTo(Slice(dstOffset));
    }

    /// <summary>Sets the first byte.</summary>
    public void Put(byte b) => Slice()[0] = b;

    /// <summary>Sets the byte at <paramref name="offset"/>.</summary>
    public void Put(byte b, int offset) => Slice()[offset] = b;

    /// <summary>Writes <paramref name="str"/> encoded with <paramref name="encoding"/> at <paramref name="offset"/>.</summary>
    public void Put(Encoding encoding, string str, int offset) => encoding.GetBytes(str, Slice(offset));

    /// <summary>Copies <paramref name="src"/> into the payload at <paramref name="offset"/>.</summary>
    public void Put(Span<byte> src, int offset) => src.CopyTo(Slice(offset));

    /// <summary>Makes this frame a copy of <paramref name="src"/> (the payload is shared, as in NetMQ).</summary>
    public void Copy(ref Msg src)
    {
        if (!src.IsInitialised) throw new FaultException("Cannot copy an uninitialised Msg.");
        if (IsInitialised) Close();
        byte[]? data = src.Data;
        this = src;
        _isReceived = false;
        _received = default;
        _array = data;
    }

    /// <summary>Moves <paramref name="src"/> into this frame; <paramref name="src"/> becomes empty.</summary>
    public void Move(ref Msg src)
    {
        if (!src.IsInitialised) throw new FaultException("Cannot move an uninitialised Msg.");
        if (IsInitialised) Close();
        this = src;
        src = default;
        src.InitEmpty();
    }

    /// <summary>Drops the first <paramref name="count"/> bytes of the payload.</summary>
    public void TrimPrefix(int count)
    {
        if ((uint)count > (uint)_size) throw new ArgumentOutOfRangeException(nameof(count));
        _ = Data;
        _offset += count;
        _size -= count;
    }

    /// <summary>Describes the frame.</summary>
    public override string ToString() => $"Msg[{_type}, {_size} B{(HasMore ? ", more" : "")}]";

    private void Reset(MsgType type)
    {
        if (_isReceived) _received.Close();
        this = default;
        _type = type;
        Group = "";
    }

    // The engine frame to send: array-backed frames are wrapped, not copied.
    internal ZMsg ToEngine()
    {
        if (_isReceived && _array is null)
        {
            ZMsg copy = default;
            ZMsg src = _received;
            copy.CopyFrom(ref src);
            return copy;
        }
        return _array is null || _size == 0 ? default : ZMsg.Wrap(_array, _offset, _size);
    }

    // After a send NetMQ leaves the Msg initialised and empty.
    internal void AfterSend()
    {
        if (_isReceived) _received.Close();
        this = default;
        _type = MsgType.Empty;
        Group = "";
    }

    // Takes a frame the engine received.
    internal void FromEngine(ref ZMsg received, bool more)
    {
        if (_isReceived) _received.Close();
        this = default;
        _received = default;
        _received.MoveFrom(ref received);
        _isReceived = true;
        _type = MsgType.Pool;
        _size = _received.Size;
        if (_size <= ZMsg.MaxInlineSize)
        {
            // Inline payloads live inside the struct: copy them out so spans never point into it.
            _array = _size == 0 ? null : _received.ToArray();
            _received.Close();
            _received = default;
            _isReceived = false;
        }
        _flags = more ? MsgFlags.More : MsgFlags.None;
        Group = "";
    }
}
