using System.Text;

namespace Zinc.Cli.Display;

/// <summary>A plain-text table: columns padded to their widest cell, numbers aligned right.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    /// <summary>Headers; a header starting with '>' marks a right-aligned column (the '>' is not shown).</summary>
    public TextTable(params string[] headers)
    {
        _rightAligned = headers.Select(h => h.StartsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimStart('>')).ToArray();
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}");
        _rows.Add(cells);
    }

    public int RowCount => _rows.Count;

    public override string ToString()
    {
        int[] widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (string[] row in _rows) AppendRow(text, row, widths);
        return text.ToString();
    }

    private void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) text.Append("  ");
            string cell = _rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            text.Append(i == cells.Length - 1 ? cell.TrimEnd() : cell);
        }
        text.AppendLine();
    }
}
