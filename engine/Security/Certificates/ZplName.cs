namespace Zinc.Security.Certificates;

/// <summary>The ZPL property-name grammar (RFC 4): letters, digits and $ - _ @ . &amp; + /.</summary>
internal static class ZplName
{
    public static bool IsNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '$' or '-' or '_' or '@' or '.' or '&' or '+' or '/';

    // '/' is a name character in RFC 4, but paths here use it as the separator, so names we write
    // and look up never contain it.
    public static bool IsValid(string name)
    {
        if (name.Length == 0) return false;
        foreach (char c in name)
            if (c == '/' || !IsNameChar(c)) return false;
        return true;
    }
}
