namespace Zinc.Security.Zap;

/// <summary>
/// Reads the public keys of every certificate in a directory, as zcertstore does for zauth:
/// each regular file that parses as a certificate contributes its public key. Secret files
/// (<c>*_secret</c>) are skipped, so a directory of public certificates never has to hold
/// secrets; files that are not certificates are skipped and reported.
/// </summary>
internal static class CertificateDirectory
{
    public static List<string> LoadPublicKeys(string directory, Action<string>? log)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"certificate directory '{directory}' does not exist");
        var keys = new List<string>();
        foreach (string path in System.IO.Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (path.EndsWith(CurveCertificate.SecretFileSuffix, StringComparison.Ordinal)) continue;
            try
            {
                keys.Add(CurveCertificate.Load(path).PublicKeyZ85);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // One bad or unreadable file must not lock every other client out.
                log?.Invoke($"ZAP: skipping '{path}': {e.Message}");
            }
        }
        return keys;
    }
}
