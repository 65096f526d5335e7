using System.Diagnostics;

namespace NetMQFacadeTests;

// samples/netmq-sample builds unchanged against the real NetMQ 4.0.4.5 package and against Zinc's
// facade; both programs must print the same lines.
public class SampleTests
{
    [Fact]
    public void Sample_PrintsTheSame_WithNetMQ_AndWithZinc()
    {
        string root = RepoRoot();
        string sample = Path.Combine(root, "samples", "netmq-sample");
        string zinc = BuildAndRun(sample, "Zinc");
        string netmq = BuildAndRun(sample, "NetMQ");
        Assert.EndsWith("done", zinc.TrimEnd());
        Assert.Contains("client got: REQUEST 3", zinc);
        Assert.Equal(netmq, zinc);
    }

    private static string BuildAndRun(string sample, string backend)
    {
        // Zinc is the default backend: no global property, so the referenced Zinc projects are
        // seen exactly as the suite's own build left them (up to date, not rebuilt).
        string property = backend == "Zinc" ? "" : $" -p:NetMQBackend={backend}";
        Run("dotnet", $"build \"{sample}\" -c Release{property} -v q --nologo", sample, TimeSpan.FromMinutes(8));
        string dll = Path.Combine(sample, "bin", backend, "Release", "net10.0", "NetMQSample.dll");
        return Run("dotnet", $"\"{dll}\"", sample, TimeSpan.FromMinutes(2));
    }

    private static string Run(string file, string args, string dir, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test host's MSBuild settings must not leak into the nested build.
        foreach (string key in info.Environment.Keys.ToList())
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(info)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit((int)timeout.TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {args} did not finish in {timeout}");
        }
        p.WaitForExit();
        string output = stdout.Result;
        Assert.True(p.ExitCode == 0, $"{file} {args} exited {p.ExitCode}:\n{output}\n{stderr.Result}");
        return output;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new InvalidOperationException("Engine.sln not found above " + AppContext.BaseDirectory);
    }
}
