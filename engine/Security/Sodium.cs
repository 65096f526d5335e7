using System.Runtime.InteropServices;

namespace Zinc.Security;

/// <summary>
/// The few libsodium functions CURVE needs (Curve25519 key agreement, XSalsa20-Poly1305 boxes,
/// random bytes), through P/Invoke to the system libsodium (Debian's libsodium23). Boxes use the
/// "easy" layout: a 16-byte MAC followed by the ciphertext, which is exactly what RFC 26 puts on
/// the wire, so no zero padding is shuffled around. Callers keep every span at the sizes below;
/// the wrappers check them so a wrong length can never read or write outside a buffer.
/// </summary>
internal static unsafe partial class Sodium
{
    private const string Library = "libsodium.so.23";

    public const int KeySize = 32;
    public const int NonceSize = 24;
    public const int MacSize = 16;

    private static readonly Lazy<string?> InitFailure = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when libsodium loaded and initialised; otherwise why not.</summary>
    public static string? UnavailableReason => InitFailure.Value;

    public static bool IsAvailable => InitFailure.Value is null;

    /// <summary>Throws ENOTSUP-flavoured <see cref="ZmqException"/> when libsodium is missing.</summary>
    public static void EnsureAvailable()
    {
        string? reason = InitFailure.Value;
        if (reason is not null) throw new ZmqException(ZmqError.ENOTSUP, reason);
    }

    private static string? Initialize()
    {
        if (!NativeLibrary.TryLoad(Library, out _)) return $"{Library} could not be loaded (install libsodium23)";
        try
        {
            return sodium_init() < 0 ? "sodium_init failed" : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"{Library} lacks a needed function ({e.Message})";
        }
    }

    public static void RandomBytes(Span<byte> destination)
    {
        fixed (byte* d = destination) randombytes_buf(d, (nuint)destination.Length);
    }

    /// <summary>A fresh Curve25519 key pair.</summary>
    public static void KeyPair(Span<byte> publicKey, Span<byte> secretKey)
    {
        CheckKey(publicKey);
        CheckKey(secretKey);
        fixed (byte* p = publicKey)
        fixed (byte* s = secretKey)
            if (crypto_box_keypair(p, s) != 0) throw new ZmqException(ZmqError.EFAULT, "crypto_box_keypair failed");
    }

    /// <summary>The public key that belongs to <paramref name="secretKey"/>.</summary>
    public static void PublicFromSecret(ReadOnlySpan<byte> secretKey, Span<byte> publicKey)
    {
        CheckKey(publicKey);
        CheckKey(secretKey);
        fixed (byte* p = publicKey)
        fixed (byte* s = secretKey)
            if (crypto_scalarmult_base(p, s) != 0) throw new ZmqException(ZmqError.EFAULT, "crypto_scalarmult_base failed");
    }

    /// <summary>
    /// The shared key of <paramref name="publicKey"/> and <paramref name="secretKey"/>, computed
    /// once so every later box costs only XSalsa20-Poly1305. False for a degenerate public key.
    /// </summary>
    public static bool Precompute(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> secretKey, Span<byte> sharedKey)
    {
        CheckKey(publicKey);
        CheckKey(secretKey);
        CheckKey(sharedKey);
        fixed (byte* p = publicKey)
        fixed (byte* s = secretKey)
        fixed (byte* k = sharedKey)
            return crypto_box_beforenm(k, p, s) == 0;
    }

    /// <summary>Boxes <paramref name="plain"/> into <paramref name="box"/> (MAC + ciphertext, plain.Length + 16 bytes).</summary>
    public static void Seal(Span<byte> box, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sharedKey)
    {
        if (box.Length != plain.Length + MacSize) throw new ArgumentException("box must be plain + 16 bytes", nameof(box));
        CheckNonce(nonce);
        CheckKey(sharedKey);
        fixed (byte* c = box)
        fixed (byte* m = plain)
        fixed (byte* n = nonce)
        fixed (byte* k = sharedKey)
            crypto_box_easy_afternm(c, m, (ulong)plain.Length, n, k);
    }

    /// <summary>Opens <paramref name="box"/> into <paramref name="plain"/> (box.Length - 16 bytes); false when it does not authenticate.</summary>
    public static bool Open(Span<byte> plain, ReadOnlySpan<byte> box, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sharedKey)
    {
        if (box.Length < MacSize || plain.Length != box.Length - MacSize) return false;
        CheckNonce(nonce);
        CheckKey(sharedKey);
        fixed (byte* m = plain)
        fixed (byte* c = box)
        fixed (byte* n = nonce)
        fixed (byte* k = sharedKey)
            return crypto_box_open_easy_afternm(m, c, (ulong)box.Length, n, k) == 0;
    }

    /// <summary>A box under a symmetric key (the CURVE server's cookie).</summary>
    public static void SecretSeal(Span<byte> box, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        if (box.Length != plain.Length + MacSize) throw new ArgumentException("box must be plain + 16 bytes", nameof(box));
        CheckNonce(nonce);
        CheckKey(key);
        fixed (byte* c = box)
        fixed (byte* m = plain)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
            crypto_secretbox_easy(c, m, (ulong)plain.Length, n, k);
    }

    public static bool SecretOpen(Span<byte> plain, ReadOnlySpan<byte> box, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        if (box.Length < MacSize || plain.Length != box.Length - MacSize) return false;
        CheckNonce(nonce);
        CheckKey(key);
        fixed (byte* m = plain)
        fixed (byte* c = box)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
            return crypto_secretbox_open_easy(m, c, (ulong)box.Length, n, k) == 0;
    }

    /// <summary>Overwrites secret material so it does not linger in memory.</summary>
    public static void Wipe(Span<byte> secret)
    {
        fixed (byte* p = secret) sodium_memzero(p, (nuint)secret.Length);
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException("a Curve25519 key is 32 bytes");
    }

    private static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceSize) throw new ArgumentException("a box nonce is 24 bytes");
    }

    [LibraryImport(Library)] private static partial int sodium_init();
    [LibraryImport(Library)] private static partial void randombytes_buf(byte* buf, nuint size);
    [LibraryImport(Library)] private static partial void sodium_memzero(byte* buf, nuint size);
    [LibraryImport(Library)] private static partial int crypto_box_keypair(byte* pk, byte* sk);
    [LibraryImport(Library)] private static partial int crypto_scalarmult_base(byte* q, byte* n);
    [LibraryImport(Library)] private static partial int crypto_box_beforenm(byte* k, byte* pk, byte* sk);
    [LibraryImport(Library)] private static partial int crypto_box_easy_afternm(byte* c, byte* m, ulong mlen, byte* n, byte* k);
    [LibraryImport(Library)] private static partial int crypto_box_open_easy_afternm(byte* m, byte* c, ulong clen, byte* n, byte* k);
    [LibraryImport(Library)] private static partial int crypto_secretbox_easy(byte* c, byte* m, ulong mlen, byte* n, byte* k);
    [LibraryImport(Library)] private static partial int crypto_secretbox_open_easy(byte* m, byte* c, ulong clen, byte* n, byte* k);
}
