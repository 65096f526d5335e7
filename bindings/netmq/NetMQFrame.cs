using System.Buffers.Binary;
using System.Text;

namespace NetMQ;

/// <summary>One frame of a <see cref="NetMQMessage"/>: a buffer and the length of its used part.</summary>
public class NetMQFrame : IEquatable<NetMQFrame>, IEquatable<byte[]>
{
    private int _messageSize;
    private int _hash;

    /// <summary>A frame over <paramref name="buffer"/> (not copied); null gives an empty frame.</summary>
    public NetMQFrame(byte[]? buffer)
    {
        Buffer = buffer ?? Array.Empty<byte>();
        _messageSize = Buffer.Length;
    }

    /// <summary>A frame over the first <paramref name="length"/> bytes of <paramref name="buffer"/>.</summary>
    public NetMQFrame(byte[]? buffer, int length)
    {
        Buffer = buffer ?? Array.Empty<byte>();
        if ((uint)length > (uint)Buffer.Length) throw new ArgumentOutOfRangeException(nameof(length));
        _messageSize = length;
    }

    /// <summary>A frame holding <paramref name="message"/> in UTF-8.</summary>
    public NetMQFrame(string message) : this(message, Encoding.UTF8) { }

    /// <summary>A frame holding <paramref name="message"/> in <paramref name="encoding"/>.</summary>
    public NetMQFrame(string message, Encoding encoding) : this(encoding.GetBytes(message)) { }

    /// <summary>A zero-filled frame of <paramref name="length"/> bytes.</summary>
    public NetMQFrame(int length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
        Buffer = new byte[length];
        _messageSize = length;
    }

    /// <summary>The number of bytes of <see cref="Buffer"/> the frame holds.</summary>
    public int MessageSize
    {
        get => _messageSize;
        set
        {
            if ((uint)value > (uint)Buffer.Length) throw new ArgumentOutOfRangeException(nameof(value));
            _messageSize = value;
            _hash = 0;
        }
    }

    /// <summary>The underlying buffer.</summary>
    public byte[] Buffer { get; }

    /// <summary>The length of <see cref="Buffer"/>.</summary>
    public int BufferSize => Buffer.Length;

    /// <summary>A new empty frame.</summary>
    public static NetMQFrame Empty => new(Array.Empty<byte>());

    /// <summary>True when <see cref="MessageSize"/> is zero.</summary>
    public bool IsEmpty => _messageSize == 0;

    /// <summary>A frame holding a copy of <paramref name="buffer"/>.</summary>
    public static NetMQFrame Copy(byte[] buffer) => new((byte[])buffer.Clone());

    /// <summary>A copy of <paramref name="frame"/>.</summary>
    public static NetMQFrame Copy(NetMQFrame frame) => frame.Duplicate();

    /// <summary>The content decoded as UTF-8.</summary>
    public string ConvertToString() => Encoding.UTF8.GetString(Buffer, 0, _messageSize);

    /// <summary>The content decoded with <paramref name="encoding"/>.</summary>
    public string ConvertToString(Encoding encoding) => encoding.GetString(Buffer, 0, _messageSize);

    /// <summary>The content as a big-endian (network order) 32-bit integer.</summary>
    public int ConvertToInt32() => BinaryPrimitives.ReadInt32BigEndian(AsSpan());

    /// <summary>The content as a big-endian (network order) 64-bit integer.</summary>
    public long ConvertToInt64() => BinaryPrimitives.ReadInt64BigEndian(AsSpan());

    /// <summary>A frame with a copy of this frame's content.</summary>
    public NetMQFrame Duplicate() => new(AsSpan().ToArray());

    /// <summary>The content as an array: a copy when <paramref name="copy"/> is true or the buffer is larger than the content.</summary>
    public byte[] ToByteArray(bool copy = false) =>
        !copy && _messageSize == Buffer.Length ? Buffer : AsSpan().ToArray();

    /// <summary>The content.</summary>
    public ReadOnlySpan<byte> AsSpan() => Buffer.AsSpan(0, _messageSize);

    /// <summary>True when the contents are equal.</summary>
    public bool Equals(NetMQFrame? other) =>
        other is not null && (ReferenceEquals(this, other) || AsSpan().SequenceEqual(other.AsSpan()));

    /// <summary>True when the content equals <paramref name="other"/>.</summary>
    public bool Equals(byte[]? other) => other is not null && AsSpan().SequenceEqual(other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj switch
    {
        NetMQFrame f => Equals(f),
        byte[] b => Equals(b),
        _ => false,
    };

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = new HashCode();
            h.AddBytes(AsSpan());
            _hash = h.ToHashCode();
            if (_hash == 0) _hash = 1;
        }
        return _hash;
    }

    /// <summary>Equal contents.</summary>
    public static bool operator ==(NetMQFrame? one, NetMQFrame? other) => one is null ? other is null : one.Equals(other);

    /// <summary>Different contents.</summary>
    public static bool operator !=(NetMQFrame? one, NetMQFrame? other) => !(one == other);
}
