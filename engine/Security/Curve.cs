namespace Zinc;

/// <summary>A CURVE (Curve25519) key pair, as raw 32-byte keys and as 40-character Z85 text.</summary>
public sealed record CurveKeyPair(byte[] PublicKey, byte[] SecretKey)
{
    /// <summary>The public key as 40 Z85 characters (what zmq_curve_keypair returns).</summary>
    public string PublicKeyZ85 => Z85.Encode(PublicKey);

    /// <summary>The secret key as 40 Z85 characters.</summary>
    public string SecretKeyZ85 => Z85.Encode(SecretKey);
}

/// <summary>
/// CURVE key management (zmq_curve_keypair, zmq_curve_public). The keys come from libsodium;
/// a missing libsodium raises <see cref="ZmqException"/> with ENOTSUP.
/// </summary>
public static class Curve
{
    /// <summary>True when CURVE can be used here (libsodium loads): zmq_has("curve").</summary>
    public static bool IsAvailable => Security.Sodium.IsAvailable;

    /// <summary>A new random key pair (zmq_curve_keypair).</summary>
    public static CurveKeyPair GenerateKeyPair()
    {
        Security.Sodium.EnsureAvailable();
        byte[] publicKey = new byte[32], secretKey = new byte[32];
        Security.Sodium.KeyPair(publicKey, secretKey);
        return new CurveKeyPair(publicKey, secretKey);
    }

    /// <summary>The public key of a 32-byte secret key (zmq_curve_public).</summary>
    public static byte[] DerivePublicKey(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != 32) throw new ZmqException(ZmqError.EINVAL, "a CURVE secret key is 32 bytes");
        Security.Sodium.EnsureAvailable();
        byte[] publicKey = new byte[32];
        Security.Sodium.PublicFromSecret(secretKey, publicKey);
        return publicKey;
    }

    /// <summary>The Z85 public key of a Z85 secret key (zmq_curve_public); EINVAL for text that is not a 40-character Z85 key.</summary>
    public static string DerivePublicKey(string secretKeyZ85)
    {
        byte[]? secret = secretKeyZ85 is { Length: 40 } ? Z85.Decode(secretKeyZ85) : null;
        if (secret is null) throw new ZmqException(ZmqError.EINVAL, "a CURVE key in Z85 is 40 characters of the Z85 alphabet");
        return Z85.Encode(DerivePublicKey(secret));
    }
}
