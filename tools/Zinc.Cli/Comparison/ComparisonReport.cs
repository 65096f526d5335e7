using System.Globalization;
using Zinc.Cli.Display;

namespace Zinc.Cli.Comparison;

/// <summary>The table `zinc bench` prints on stdout: one row per case, libzmq beside Zinc, and the ratio.</summary>
internal static class ComparisonReport
{
    public static void Write(TextWriter writer, string heading, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> notes)
    {
        writer.WriteLine(heading);
        writer.WriteLine();
        var table = new TextTable("transport", "pattern", ">size", ">libzmq", ">zinc", ">ratio");
        foreach (ComparisonRow row in rows)
        {
            table.Add(row.Case.Transport, row.Case.Pattern, Sizes.Format(row.Case.Size),
                Figures.Format(row.LibZmq), Figures.Format(row.Zinc), Figures.Ratio(row.Ratio));
        }
        if (table.RowCount > 0) writer.Write(table.ToString());
        foreach (string note in notes) writer.WriteLine(note);
        foreach (ComparisonRow row in rows)
        {
            WriteProblem(writer, row, "libzmq", row.LibZmq);
            WriteProblem(writer, row, "zinc", row.Zinc);
        }
        writer.WriteLine();
        writer.WriteLine("ratio > 1 means Zinc is better: zinc/libzmq for msg/s, libzmq/zinc for one-way latency.");
        if (rows.Any(r => r.Case.GapMs > 0))
            writer.WriteLine($"idle: each round trip alone after {rows.First(r => r.Case.GapMs > 0).Case.GapMs} ms of silence (threads parked, IO loops asleep).");
        writer.WriteLine("libzmq runs through P/Invoke in this process; ../shared/anchors/run.sh gives its pure C figures.");
    }

    private static void WriteProblem(TextWriter writer, ComparisonRow row, string implementation, Measurement measurement)
    {
        if (measurement.Problem is null) return;
        string size = row.Case.Size.ToString(CultureInfo.InvariantCulture);
        writer.WriteLine($"{row.Case.Transport} {row.Case.Pattern} {size} B, {implementation}: {measurement.Problem}");
    }
}
