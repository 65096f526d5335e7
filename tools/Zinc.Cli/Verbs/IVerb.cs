namespace Zinc.Cli.Verbs;

/// <summary>One `zinc &lt;verb&gt;` command. Add a verb by writing one of these and listing it in <see cref="VerbTable"/>.</summary>
internal interface IVerb
{
    /// <summary>The word typed after `zinc`.</summary>
    string Name { get; }

    /// <summary>The options, as shown after the name in help ("[--quick]").</summary>
    string Usage { get; }

    /// <summary>One line for `zinc help`.</summary>
    string Summary { get; }

    /// <summary>Runs the verb with the arguments after its name; returns the exit code (2: usage error).</summary>
    int Run(string[] args);
}
