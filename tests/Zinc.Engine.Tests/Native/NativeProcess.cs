using System.Diagnostics;
using System.Text;

namespace Zinc.Tests.Native;

/// <summary>The output of a finished child process.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the C test programs and the tools that build them, always with a deadline: a hung child
/// is killed and reported, never left to stall the run.
/// </summary>
internal sealed class NativeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly List<string> _lines = new();

    private NativeProcess(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = NativeBuild.RepoRoot,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        // A real-libzmq child must not pick up Zinc by accident: start from a clean library path.
        info.Environment.Remove("LD_LIBRARY_PATH");
        if (environment is not null)
            foreach ((string key, string? value) in environment) info.Environment[key] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines)
            {
                _stdout.AppendLine(e.Data);
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lines) _stderr.AppendLine(e.Data);
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static NativeProcess Start(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null) =>
        new(file, arguments, environment);

    /// <summary>Runs to completion within <paramref name="timeout"/>, or kills the child and throws.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        using NativeProcess process = Start(file, arguments, environment);
        return process.WaitForExit(timeout);
    }

    /// <summary>Waits for a stdout line starting with <paramref name="prefix"/> and returns the rest of it.</summary>
    public string WaitForLine(string prefix, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (true)
            {
                string? line = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null) return line.Substring(prefix.Length);
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited && !Monitor.Wait(_lines, 100))
                    throw new TimeoutException($"no '{prefix}' line from {_process.StartInfo.FileName}\n{Snapshot()}");
                Monitor.Wait(_lines, left);
            }
        }
    }

    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}\n{Snapshot()}");
        }
        _process.WaitForExit(); // drains the redirected streams
        lock (_lines) return new ProcessResult(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    private string Snapshot()
    {
        lock (_lines) return $"--- stdout\n{_stdout}\n--- stderr\n{_stderr}";
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
