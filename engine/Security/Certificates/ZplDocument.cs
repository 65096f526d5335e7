namespace Zinc.Security.Certificates;

/// <summary>One property of a ZPL document: its full path ("curve/public-key") and its value ("" when it has none).</summary>
internal readonly record struct ZplProperty(string Path, string Value);

/// <summary>
/// A parsed ZPL text (ZeroMQ RFC 4), the format CURVE certificate files use: one property per
/// line, children indented four spaces more than their parent, '#' comments, values optionally
/// quoted. Kept flat (path to value) because certificates only need lookups and one level of
/// children.
/// </summary>
internal sealed class ZplDocument
{
    private readonly List<ZplProperty> _properties;

    private ZplDocument(List<ZplProperty> properties) => _properties = properties;

    /// <summary>Every property in file order.</summary>
    public IReadOnlyList<ZplProperty> Properties => _properties;

    /// <summary>The value at <paramref name="path"/>, or null when the document has no such property.</summary>
    public string? Get(string path)
    {
        foreach (ZplProperty property in _properties)
            if (property.Path == path) return property.Value;
        return null;
    }

    /// <summary>The direct children of <paramref name="path"/> as (name, value), in file order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ChildrenOf(string path)
    {
        string prefix = path + "/";
        foreach (ZplProperty property in _properties)
        {
            if (!property.Path.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string name = property.Path.Substring(prefix.Length);
            if (!name.Contains('/')) yield return new KeyValuePair<string, string>(name, property.Value);
        }
    }

    /// <summary>Parses ZPL text; <see cref="FormatException"/> names the first bad line.</summary>
    public static ZplDocument Parse(string text)
    {
        var properties = new List<ZplProperty>();
        var parents = new List<string>();
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            int indent = 0;
            while (indent < line.Length && line[indent] == ' ') indent++;
            if (indent == line.Length || line[indent] == '#') continue;
            if (line[indent] == '\t') throw Bad(number, "tabs are not indentation in ZPL");
            if (indent % 4 != 0) throw Bad(number, "indentation is not a multiple of 4 spaces");
            int depth = indent / 4;
            if (depth > parents.Count) throw Bad(number, "indented more than one level below its parent");

            int end = indent;
            while (end < line.Length && ZplName.IsNameChar(line[end])) end++;
            if (end == indent) throw Bad(number, $"'{line[indent]}' cannot start a property name");
            string name = line.Substring(indent, end - indent);
            string value = ParseValue(line.AsSpan(end), number);

            parents.RemoveRange(depth, parents.Count - depth);
            string path = depth == 0 ? name : parents[depth - 1] + "/" + name;
            parents.Add(path);
            properties.Add(new ZplProperty(path, value));
        }
        return new ZplDocument(properties);
    }

    // What follows a name: nothing, a comment, or "= value" with an optional comment.
    private static string ParseValue(ReadOnlySpan<char> rest, int number)
    {
        rest = rest.TrimStart(' ');
        if (rest.IsEmpty || rest[0] == '#') return "";
        if (rest[0] != '=') throw Bad(number, "expected '=' after the property name");
        rest = rest.Slice(1).TrimStart(' ');
        if (rest.Length > 0 && rest[0] is '"' or '\'')
        {
            // A quoted value keeps '#' and spaces. RFC 4: one that does not end in its matching
            // quote (only a comment may follow) is read as unquoted.
            int close = rest.Slice(1).IndexOf(rest[0]);
            if (close >= 0)
            {
                ReadOnlySpan<char> after = rest.Slice(close + 2).TrimStart(' ');
                if (after.IsEmpty || after[0] == '#') return rest.Slice(1, close).ToString();
            }
        }
        int comment = rest.IndexOf('#');
        if (comment >= 0) rest = rest.Slice(0, comment);
        return rest.TrimEnd(' ').ToString();
    }

    private static FormatException Bad(int line, string why) => new($"ZPL line {line}: {why}");
}
