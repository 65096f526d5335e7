namespace Zinc.Cli.Verbs;

/// <summary>The verbs `zinc` knows, in the order help lists them, and the dispatch to them.</summary>
internal static class VerbTable
{
    public static IReadOnlyList<IVerb> All { get; } =
    [
        new BenchVerb(),
        new KeygenVerb(),
        new VersionVerb(),
        new HelpVerb(),
    ];

    public static int Dispatch(string[] args)
    {
        if (args.Length == 0)
        {
            HelpVerb.Write(Console.Error);
            return 2;
        }
        string name = args[0];
        if (name is "-h" or "--help") name = "help";
        if (name is "-V" or "--version") name = "version";
        IVerb? verb = All.FirstOrDefault(v => v.Name == name);
        if (verb is null)
        {
            Console.Error.WriteLine($"zinc: unknown verb '{args[0]}'");
            HelpVerb.Write(Console.Error);
            return 2;
        }
        return verb.Run(args[1..]);
    }
}
