using System.Collections.Concurrent;

namespace Zinc.Tests.Native;

/// <summary>
/// Builds Zinc's libzmq.so.5 once per test run (bindings/native/build skips the NativeAOT
/// publish when the library is newer than its sources) and compiles the C programs of
/// tests/native with gcc. A missing gcc or a failed build fails the tests: nothing is skipped.
/// </summary>
internal static class NativeBuild
{
    public const string SystemLibzmq = "/usr/lib/x86_64-linux-gnu/libzmq.so.5";

    private static readonly Lazy<string> s_root = new(FindRoot);
    private static readonly Lazy<ProcessResult> s_library = new(BuildLibrary);
    private static readonly ConcurrentDictionary<string, Lazy<string>> s_programs = new();

    public static string RepoRoot => s_root.Value;

    public static string LibraryDir => Path.Combine(RepoRoot, "artifacts", "native");

    /// <summary>The environment that makes a program load Zinc as its libzmq.so.5.</summary>
    public static Dictionary<string, string?> OnZinc => new() { ["LD_LIBRARY_PATH"] = LibraryDir };

    public static void EnsureLibrary()
    {
        ProcessResult result = s_library.Value;
        if (result.ExitCode != 0) throw new InvalidOperationException($"bindings/native/build failed\n{result}");
    }

    /// <summary>The path of tests/native/<paramref name="name"/>.c compiled against Zinc (or against Debian's libzmq).</summary>
    public static string Program(string name, bool againstSystemLibzmq = false)
    {
        EnsureLibrary();
        string key = name + (againstSystemLibzmq ? "-libzmq" : "-zinc");
        return s_programs.GetOrAdd(key, k => new Lazy<string>(() => Compile(name, k, againstSystemLibzmq))).Value;
    }

    private static string Compile(string name, string output, bool againstSystemLibzmq)
    {
        string outDir = Path.Combine(LibraryDir, "tests");
        Directory.CreateDirectory(outDir);
        string binary = Path.Combine(outDir, output);
        string source = Path.Combine(RepoRoot, "tests", "native", name + ".c");
        var arguments = new List<string> { "-Wall", "-Werror", "-pthread", "-o", binary, source, "-I", Path.Combine(RepoRoot, "tests", "native") };
        if (againstSystemLibzmq)
        {
            // Debian's header and library, named by path so nothing else can stand in for it.
            arguments.InsertRange(0, new[] { "-I", "/usr/include" });
            arguments.Add(SystemLibzmq);
        }
        else
        {
            arguments.InsertRange(0, new[] { "-I", Path.Combine(LibraryDir, "include") });
            arguments.AddRange(new[] { "-L", LibraryDir, "-lzmq" });
        }
        ProcessResult result = NativeProcess.Run("gcc", arguments, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0) throw new InvalidOperationException($"gcc {name}.c failed\n{result}");
        return binary;
    }

    private static ProcessResult BuildLibrary() =>
        NativeProcess.Run(Path.Combine(RepoRoot, "bindings", "native", "build"), Array.Empty<string>(), TimeSpan.FromMinutes(8));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new InvalidOperationException("Engine.sln not found above " + AppContext.BaseDirectory);
    }
}
