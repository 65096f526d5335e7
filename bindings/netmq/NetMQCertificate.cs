using Zinc;

namespace NetMQ;

/// <summary>A CURVE key pair (or a public key alone), over Zinc's <see cref="Curve"/> and <see cref="Z85"/>.</summary>
public class NetMQCertificate
{
    /// <summary>A new key pair.</summary>
    public NetMQCertificate()
    {
        CurveKeyPair pair = Curve.GenerateKeyPair();
        SecretKey = pair.SecretKey;
        PublicKey = pair.PublicKey;
    }

    /// <summary>A certificate of two 32-byte keys.</summary>
    public NetMQCertificate(byte[] secretKey, byte[] publicKey)
    {
        if (secretKey is { Length: not 32 }) throw new ArgumentException("secret key must be 32 bytes", nameof(secretKey));
        if (publicKey is not { Length: 32 }) throw new ArgumentException("public key must be 32 bytes", nameof(publicKey));
        SecretKey = secretKey;
        PublicKey = publicKey;
    }

    /// <summary>A certificate of two 40-character Z85 keys.</summary>
    public NetMQCertificate(string secretKey, string publicKey)
        : this(DecodeKey(secretKey, nameof(secretKey)), DecodeKey(publicKey, nameof(publicKey))) { }

    private NetMQCertificate(byte[]? secretKey, byte[] publicKey, bool _)
    {
        SecretKey = secretKey;
        PublicKey = publicKey;
    }

    /// <summary>The 32-byte secret key, or null for a public-only certificate.</summary>
    public byte[]? SecretKey { get; }

    /// <summary>The secret key in Z85, or null.</summary>
    public string? SecretKeyZ85 => SecretKey is null ? null : Z85.Encode(SecretKey);

    /// <summary>True when the secret key is known.</summary>
    public bool HasSecretKey => SecretKey is not null;

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The public key in Z85.</summary>
    public string PublicKeyZ85 => Z85.Encode(PublicKey);

    /// <summary>A certificate for a secret key, its public key derived.</summary>
    public static NetMQCertificate CreateFromSecretKey(byte[] secretKey) => FromSecretKey(secretKey);

    /// <summary>A certificate for a secret key, its public key derived.</summary>
    public static NetMQCertificate FromSecretKey(byte[] secretKey) => new(secretKey, Curve.DerivePublicKey(secretKey), true);

    /// <summary>A certificate for a Z85 secret key, its public key derived.</summary>
    public static NetMQCertificate CreateFromSecretKey(string secretKey) => FromSecretKey(secretKey);

    /// <summary>A certificate for a Z85 secret key, its public key derived.</summary>
    public static NetMQCertificate FromSecretKey(string secretKey) => FromSecretKey(DecodeKey(secretKey, nameof(secretKey)));

    /// <summary>A public-only certificate.</summary>
    public static NetMQCertificate FromPublicKey(byte[] publicKey)
    {
        if (publicKey is not { Length: 32 }) throw new ArgumentException("public key must be 32 bytes", nameof(publicKey));
        return new NetMQCertificate(null, publicKey, true);
    }

    /// <summary>A public-only certificate of a Z85 key.</summary>
    public static NetMQCertificate FromPublicKey(string publicKey) => FromPublicKey(DecodeKey(publicKey, nameof(publicKey)));

    private static byte[] DecodeKey(string key, string name)
    {
        if (key is not { Length: 40 }) throw new ArgumentException("a Z85 key is 40 characters", name);
        return Z85.Decode(key) ?? throw new ArgumentException("not a Z85 key", name);
    }
}
