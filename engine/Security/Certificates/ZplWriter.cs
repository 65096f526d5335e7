using System.Text;

namespace Zinc.Security.Certificates;

/// <summary>Builds ZPL text (RFC 4): comment lines, sections and quoted properties, four spaces per level.</summary>
internal sealed class ZplWriter
{
    private readonly StringBuilder _text = new();

    public ZplWriter Comment(string text)
    {
        _text.Append("#   ").Append(text).Append('\n');
        return this;
    }

    public ZplWriter BlankLine()
    {
        _text.Append('\n');
        return this;
    }

    public ZplWriter Section(string name)
    {
        CheckName(name);
        _text.Append(name).Append('\n');
        return this;
    }

    /// <summary>A property one level below the last section, its value always quoted so '#' and spaces survive.</summary>
    public ZplWriter Property(string name, string value)
    {
        CheckName(name);
        char quote = Quote(value);
        _text.Append("    ").Append(name).Append(" = ").Append(quote).Append(value).Append(quote).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>True when <paramref name="value"/> can be written as a ZPL value (no line break, not both quote kinds).</summary>
    public static bool CanWrite(string value) =>
        value.IndexOfAny(['\r', '\n']) < 0 && !(value.Contains('"') && value.Contains('\''));

    // ZPL has no escapes: a value containing double quotes is wrapped in single ones.
    private static char Quote(string value)
    {
        if (!CanWrite(value)) throw new ArgumentException($"'{value}' cannot be written as a ZPL value", nameof(value));
        return value.Contains('"') ? '\'' : '"';
    }

    private static void CheckName(string name)
    {
        if (!ZplName.IsValid(name)) throw new ArgumentException($"'{name}' is not a ZPL property name", nameof(name));
    }
}
