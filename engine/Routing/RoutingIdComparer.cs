using System.Diagnostics.CodeAnalysis;

namespace Zinc.Routing;

/// <summary>
/// Compares routing ids by content. It also compares a <see cref="ReadOnlySpan{T}"/> against the
/// stored arrays, so a ROUTER can look up the id frame of a message in place: no key is allocated per send.
/// </summary>
internal sealed class RoutingIdComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly RoutingIdComparer Instance = new();

    private RoutingIdComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return false;
        return x.AsSpan().SequenceEqual(y);
    }

    public int GetHashCode([DisallowNull] byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    // Only reached if someone adds through the span lookup; the table always adds arrays it owns.
    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    // HashCode is seeded per process, so peers cannot choose ids that collide on purpose.
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        HashCode hash = default;
        hash.AddBytes(bytes);
        return hash.ToHashCode();
    }
}
