using System.Diagnostics;
using System.Reflection;

namespace Zinc.Bench;

/// <summary>
/// The connecting peer of a run, as a thread or a child process. A failing peer calls
/// <c>onFailure</c> at once (which shuts the measuring side's context) rather than leaving the
/// measuring side blocked on frames that will never come.
/// </summary>
internal sealed class PeerHandle
{
    private readonly Thread? _thread;
    private readonly Process? _process;
    private volatile Exception? _failure;

    private PeerHandle(Thread thread) => _thread = thread;

    private PeerHandle(Process process) => _process = process;

    /// <summary>Why the peer failed, or null.</summary>
    public Exception? Failure => _failure;

    public static PeerHandle StartThread(string name, Action body, Action onFailure)
    {
        PeerHandle? handle = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                handle!._failure = e;
                onFailure();
            }
        })
        { IsBackground = true, Name = name };
        handle = new PeerHandle(thread);
        thread.Start();
        return handle;
    }

    /// <summary>Starts this executable again with <paramref name="arguments"/> (stdout and stderr shared with ours).</summary>
    public static PeerHandle StartProcess(IEnumerable<string> arguments, Action onFailure)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable");
        info.FileName = self;
        // Under `dotnet Zinc.Bench.dll` the process is the host: the entry assembly goes first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var handle = new PeerHandle(process);
        process.Exited += (_, _) =>
        {
            if (process.ExitCode == 0) return;
            handle._failure = new InvalidOperationException($"peer process exited with code {process.ExitCode}");
            onFailure();
        };
        process.Start();
        return handle;
    }

    /// <summary>Waits for the peer to finish; a peer still running after <paramref name="timeout"/> is a failure (a child is killed).</summary>
    public void Join(TimeSpan timeout)
    {
        bool finished = _thread?.Join(timeout) ?? WaitForProcess(timeout);
        if (!finished) _failure ??= new TimeoutException($"peer still running after {timeout.TotalSeconds:F0} s");
    }

    private bool WaitForProcess(TimeSpan timeout)
    {
        Process process = _process!;
        if (process.WaitForExit(timeout))
        {
            // Read here too: the Exited handler runs on a pool thread and may not have yet.
            if (process.ExitCode != 0) _failure ??= new InvalidOperationException($"peer process exited with code {process.ExitCode}");
            return true;
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return false;
    }
}
