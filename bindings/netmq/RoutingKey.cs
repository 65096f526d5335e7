using System.Buffers.Binary;
using System.Text;

namespace NetMQ;

/// <summary>A ROUTER routing key (the identity frame of a peer).</summary>
public readonly struct RoutingKey : IEquatable<RoutingKey>, IEquatable<NetMQFrame>
{
    private readonly byte[]? _bytes;

    /// <summary>A key of these bytes.</summary>
    public RoutingKey(byte[] array) => _bytes = array;

    /// <summary>A key of a base-64 string.</summary>
    public RoutingKey(string b64) => _bytes = Convert.FromBase64String(b64);

    /// <summary>A key of an 8-byte big-endian integer.</summary>
    public RoutingKey(long value)
    {
        _bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(_bytes, value);
    }

    internal byte[] Bytes => _bytes ?? Array.Empty<byte>();

    /// <summary>Same bytes.</summary>
    public bool Equals(RoutingKey other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

    /// <summary>Same bytes as the frame.</summary>
    public bool Equals(NetMQFrame? other) => other is not null && other.AsSpan().SequenceEqual(Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RoutingKey k && Equals(k);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    /// <summary>The key in base 64.</summary>
    public override string ToString() => Convert.ToBase64String(Bytes);

    /// <summary>Equal keys.</summary>
    public static bool operator ==(RoutingKey a, RoutingKey b) => a.Equals(b);

    /// <summary>Different keys.</summary>
    public static bool operator !=(RoutingKey a, RoutingKey b) => !a.Equals(b);
}
