using System.Globalization;
using Zinc.Security.Certificates;

namespace Zinc;

/// <summary>
/// A CURVE certificate: a public key, optionally the matching secret key, and text metadata.
/// On disk it is the ZPL format of CZMQ's zcert and pyzmq's zmq.auth: <c>name</c> holds the
/// public key (give it to peers), <c>name_secret</c> both keys (keep it private); each has a
/// <c>metadata</c> section and a <c>curve</c> section with <c>public-key</c> (and
/// <c>secret-key</c>) as 40 Z85 characters.
/// </summary>
public sealed class CurveCertificate
{
    /// <summary>Appended to a certificate's path to name the file holding its secret key.</summary>
    public const string SecretFileSuffix = "_secret";

    private const int KeySize = 32;

    private readonly byte[] _publicKey;
    private readonly byte[]? _secretKey;
    private readonly Dictionary<string, string> _metadata;

    /// <summary>
    /// A certificate for 32-byte keys; <paramref name="secretKey"/> is null for a public-only certificate.
    /// The secret key is not checked against the public key (that needs libsodium; see <see cref="FromSecretKey"/>).
    /// </summary>
    public CurveCertificate(byte[] publicKey, byte[]? secretKey = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.Length != KeySize) throw new ArgumentException("a CURVE public key is 32 bytes", nameof(publicKey));
        if (secretKey is { Length: not KeySize }) throw new ArgumentException("a CURVE secret key is 32 bytes", nameof(secretKey));
        _publicKey = (byte[])publicKey.Clone();
        _secretKey = (byte[]?)secretKey?.Clone();
        _metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is null) return;
        foreach ((string name, string value) in metadata)
        {
            if (!ZplName.IsValid(name)) throw new ArgumentException($"'{name}' is not a valid metadata name (letters, digits, $-_@.&+)", nameof(metadata));
            if (!ZplWriter.CanWrite(value)) throw new ArgumentException($"metadata '{name}' has a line break or both quote kinds", nameof(metadata));
            _metadata[name] = value;
        }
    }

    /// <summary>A certificate with a new random key pair (needs libsodium: <see cref="Curve.GenerateKeyPair"/>).</summary>
    public static CurveCertificate Generate(IReadOnlyDictionary<string, string>? metadata = null)
    {
        CurveKeyPair pair = Curve.GenerateKeyPair();
        return new CurveCertificate(pair.PublicKey, pair.SecretKey, metadata);
    }

    /// <summary>A certificate for a secret key, its public key derived (needs libsodium: <see cref="Curve.DerivePublicKey(ReadOnlySpan{byte})"/>).</summary>
    public static CurveCertificate FromSecretKey(byte[] secretKey, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(Curve.DerivePublicKey(secretKey), secretKey, metadata);

    /// <summary>The 32-byte public key (a copy).</summary>
    public byte[] PublicKey => (byte[])_publicKey.Clone();

    /// <summary>The 32-byte secret key (a copy), or null for a public-only certificate.</summary>
    public byte[]? SecretKey => (byte[]?)_secretKey?.Clone();

    /// <summary>The public key as 40 Z85 characters.</summary>
    public string PublicKeyZ85 => Z85.Encode(_publicKey);

    /// <summary>The secret key as 40 Z85 characters, or null for a public-only certificate.</summary>
    public string? SecretKeyZ85 => _secretKey is null ? null : Z85.Encode(_secretKey);

    /// <summary>True when the certificate holds a secret key.</summary>
    public bool HasSecretKey => _secretKey is not null;

    /// <summary>The metadata (name to value), as written to the file's <c>metadata</c> section.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata;

    /// <summary>The same certificate without its secret key.</summary>
    public CurveCertificate WithoutSecretKey() => new(_publicKey, null, _metadata);

    /// <summary>
    /// Writes the public file at <paramref name="path"/> and, when there is a secret key, the secret
    /// file at <paramref name="path"/> + <see cref="SecretFileSuffix"/> (created readable by the owner only).
    /// </summary>
    public void Save(string path)
    {
        SavePublic(path);
        if (_secretKey is not null) SaveSecret(path + SecretFileSuffix);
    }

    /// <summary>Writes the public certificate (no secret key) at <paramref name="path"/>.</summary>
    public void SavePublic(string path) => File.WriteAllText(path, ToText(includeSecret: false));

    /// <summary>Writes the certificate with its secret key at <paramref name="path"/>, readable by the owner only.</summary>
    public void SaveSecret(string path)
    {
        if (_secretKey is null) throw new InvalidOperationException("this certificate has no secret key");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
            writer.Write(ToText(includeSecret: true));
        // The create mode applies only to a new file: an existing one keeps its mode unless narrowed here.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// Reads one certificate file: a public file gives a public-only certificate, a secret file both
    /// keys. <see cref="InvalidDataException"/> when the file is not a valid certificate.
    /// </summary>
    public static CurveCertificate Load(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses certificate text; <see cref="FormatException"/> when it is not a valid certificate.</summary>
    public static CurveCertificate Parse(string text)
    {
        ZplDocument document = ZplDocument.Parse(text);
        byte[] publicKey = ReadKey(document, "curve/public-key")
            ?? throw new FormatException("no curve/public-key property");
        byte[]? secretKey = ReadKey(document, "curve/secret-key");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in document.ChildrenOf("metadata")) metadata[name] = value;
        return new CurveCertificate(publicKey, secretKey, metadata);
    }

    /// <summary>The certificate as ZPL text: the public file, or with <paramref name="includeSecret"/> the secret file.</summary>
    public string ToText(bool includeSecret = false)
    {
        if (includeSecret && _secretKey is null) throw new InvalidOperationException("this certificate has no secret key");
        string stamp = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var writer = new ZplWriter().Comment($"****  Generated on {stamp} UTC by Zinc  ****");
        if (includeSecret)
            writer.Comment("ZeroMQ CURVE **Secret** Certificate")
                .Comment("Keep this file private: anyone who reads it can act as its owner.");
        else
            writer.Comment("ZeroMQ CURVE Public Certificate")
                .Comment("Give this file to the peers that should accept this key; check it arrived unchanged.");
        writer.BlankLine().Section("metadata");
        foreach ((string name, string value) in _metadata) writer.Property(name, value);
        writer.Section("curve").Property("public-key", Z85.Encode(_publicKey));
        if (includeSecret) writer.Property("secret-key", Z85.Encode(_secretKey!));
        return writer.ToString();
    }

    private static byte[]? ReadKey(ZplDocument document, string path)
    {
        string? text = document.Get(path);
        if (text is null) return null;
        byte[]? key = text.Length == 40 ? Z85.Decode(text) : null;
        return key ?? throw new FormatException($"{path} is not a 40-character Z85 key");
    }
}
