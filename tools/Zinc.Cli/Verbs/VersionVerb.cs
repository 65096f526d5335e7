using System.Reflection;
using System.Runtime.InteropServices;
using Zinc.Bench;

namespace Zinc.Cli.Verbs;

/// <summary>`zinc version`: this tool's, the engine's, the runtime's and the comparison libzmq's versions.</summary>
internal sealed class VersionVerb : IVerb
{
    public string Name => "version";

    public string Usage => "";

    public string Summary => "versions of zinc, the engine, .NET and the system libzmq";

    public int Run(string[] args)
    {
        Console.WriteLine($"zinc {InformationalVersion(typeof(VersionVerb).Assembly)}");
        Console.WriteLine($"engine {InformationalVersion(typeof(Context).Assembly)}");
        Console.WriteLine($".NET {Environment.Version} ({RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture})");
        Console.WriteLine(LibZmq.TryGetVersion() is { } libzmq ? $"libzmq {libzmq} (system, for comparisons)" : "libzmq: not found (libzmq.so.5; `zinc bench` compares against it)");
        return 0;
    }

    // The SDK appends "+<commit>" to the informational version; the commit is noise here.
    private static string InformationalVersion(Assembly assembly)
    {
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
