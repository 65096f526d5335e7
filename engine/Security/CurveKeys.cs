using System.Buffers.Binary;

namespace Zinc.Security;

/// <summary>Nonce and key helpers both CURVE sides share (rfc 26).</summary>
internal static class CurveKeys
{
    public const int KeySize = Sodium.KeySize;

    /// <summary>A 24-byte nonce: a 16-byte prefix and an 8-byte big-endian short nonce.</summary>
    public static void ShortNonce(Span<byte> nonce, ReadOnlySpan<byte> prefix16, ulong value)
    {
        prefix16.CopyTo(nonce);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.Slice(16), value);
    }

    /// <summary>A 24-byte nonce: an 8-byte prefix and 16 bytes (a long nonce).</summary>
    public static void LongNonce(Span<byte> nonce, ReadOnlySpan<byte> prefix8, ReadOnlySpan<byte> value16)
    {
        prefix8.CopyTo(nonce);
        value16.CopyTo(nonce.Slice(8));
    }

    /// <summary>A socket's long-term key, or 32 zero bytes when it was not set (libzmq does the same).</summary>
    public static byte[] OrZero(byte[]? key) => key is { Length: KeySize } ? key : new byte[KeySize];

    /// <summary>The long-term public key: as set, or derived from the secret key when only that was set.</summary>
    public static byte[] PublicKeyOf(SocketOptions options)
    {
        if (options.CurvePublicKey is { Length: KeySize } key) return key;
        byte[] derived = new byte[KeySize];
        Sodium.PublicFromSecret(OrZero(options.CurveSecretKey), derived);
        return derived;
    }

    /// <summary>Constant-time comparison of two keys.</summary>
    public static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(a, b);
}
