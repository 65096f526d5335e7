namespace Zinc.Cli.Verbs;

/// <summary>
/// `zinc keygen`: CURVE keys as Z85 text, like libzmq's curve_keygen. With no option it prints a
/// new key pair; --public derives the public key of a secret one; --cert writes a certificate
/// pair (path and path_secret) in the zcert format that <see cref="ZapAuthenticator"/> and
/// pyzmq read.
/// </summary>
internal sealed class KeygenVerb : IVerb
{
    public string Name => "keygen";

    public string Usage => "[--public <secret-z85> | --cert <path> [--meta name=value]... [--force]]";

    public string Summary => "CURVE keys in Z85: a new pair, the public key of a secret one, or a certificate pair";

    public int Run(string[] args)
    {
        string? secret = null, cert = null;
        bool force = false;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--public" when i + 1 < args.Length:
                    secret = args[++i];
                    break;
                case "--cert" when i + 1 < args.Length:
                    cert = args[++i];
                    break;
                case "--meta" when i + 1 < args.Length && args[i + 1].IndexOf('=') > 0:
                    string pair = args[++i];
                    int equals = pair.IndexOf('=');
                    metadata[pair[..equals]] = pair[(equals + 1)..];
                    break;
                case "--force":
                    force = true;
                    break;
                case "-h" or "--help":
                    Console.WriteLine($"usage: zinc {Name} {Usage}");
                    return 0;
                default:
                    return UsageError($"unexpected '{args[i]}'");
            }
        }
        if (secret is not null && (cert is not null || metadata.Count > 0 || force))
            return UsageError("--public takes no other option");
        if (cert is null && (metadata.Count > 0 || force))
            return UsageError("--meta and --force go with --cert");

        try
        {
            if (secret is not null) return PrintPublic(secret);
            if (cert is not null) return WriteCertificate(cert, metadata, force);
            CurveKeyPair keys = Curve.GenerateKeyPair();
            Console.WriteLine($"public: {keys.PublicKeyZ85}");
            Console.WriteLine($"secret: {keys.SecretKeyZ85}");
            return 0;
        }
        catch (ZmqException e) when (e.Error == ZmqError.ENOTSUP)
        {
            Console.Error.WriteLine($"zinc {Name}: CURVE needs libsodium (Debian: apt-get install libsodium23): {e.Message}");
            return 1;
        }
    }

    private int PrintPublic(string secretZ85)
    {
        if (secretZ85.Length != 40 || Z85.Decode(secretZ85) is null)
            return UsageError("--public takes a secret key of 40 Z85 characters");
        Console.WriteLine(Curve.DerivePublicKey(secretZ85));
        return 0;
    }

    private int WriteCertificate(string path, Dictionary<string, string> metadata, bool force)
    {
        string secretPath = path + CurveCertificate.SecretFileSuffix;
        if (!force && (File.Exists(path) || File.Exists(secretPath)))
        {
            Console.Error.WriteLine($"zinc {Name}: {path} or {secretPath} exists; --force replaces it");
            return 1;
        }
        CurveCertificate certificate;
        try
        {
            certificate = CurveCertificate.Generate(metadata);
        }
        catch (ArgumentException e)
        {
            return UsageError(e.Message);
        }
        try
        {
            certificate.Save(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"zinc {Name}: cannot write the certificate: {e.Message}");
            return 1;
        }
        Console.Error.WriteLine($"wrote {path} (public) and {secretPath} (secret, owner only)");
        Console.WriteLine($"public: {certificate.PublicKeyZ85}");
        return 0;
    }

    private int UsageError(string why)
    {
        Console.Error.WriteLine($"zinc {Name}: {why}\nusage: zinc {Name} {Usage}");
        return 2;
    }
}
