namespace Zinc.Cli.Verbs;

/// <summary>`zinc help`: the verbs and what they do.</summary>
internal sealed class HelpVerb : IVerb
{
    public string Name => "help";

    public string Usage => "";

    public string Summary => "this list";

    public int Run(string[] args)
    {
        Write(Console.Out);
        return 0;
    }

    public static void Write(TextWriter writer)
    {
        writer.WriteLine("zinc: command line of Zinc, a ZeroMQ engine in C#");
        writer.WriteLine();
        writer.WriteLine("usage: zinc <verb> [options]");
        writer.WriteLine();
        var lines = VerbTable.All.Select(v => (Left: $"{v.Name} {v.Usage}".TrimEnd(), v.Summary)).ToList();
        int width = lines.Max(l => l.Left.Length);
        foreach ((string left, string summary) in lines) writer.WriteLine($"  {left.PadRight(width)}   {summary}");
    }
}
