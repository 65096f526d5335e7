namespace Zinc.Security.Zap;

/// <summary>
/// Which CURVE client keys one ZAP domain accepts: any key, or a set of keys (Z85 text) given
/// directly or loaded from a certificate directory (kept so the directory can be read again).
/// Immutable: a reload builds a new one.
/// </summary>
internal sealed class CurveTrust
{
    private readonly HashSet<string> _keys;

    private CurveTrust(bool allowAny, HashSet<string> keys, string? directory)
    {
        AllowAny = allowAny;
        _keys = keys;
        Directory = directory;
    }

    public bool AllowAny { get; }

    /// <summary>The certificate directory the keys came from, or null.</summary>
    public string? Directory { get; }

    public int KeyCount => _keys.Count;

    public static CurveTrust Any() => new(true, new HashSet<string>(StringComparer.Ordinal), null);

    public static CurveTrust Keys(IEnumerable<string> keysZ85) => new(false, new HashSet<string>(keysZ85, StringComparer.Ordinal), null);

    public static CurveTrust FromDirectory(string directory, IEnumerable<string> keysZ85) =>
        new(false, new HashSet<string>(keysZ85, StringComparer.Ordinal), directory);

    public bool Accepts(string keyZ85) => AllowAny || _keys.Contains(keyZ85);
}
