using System.Net;
using System.Net.Sockets;

namespace Zinc.Bench;

/// <summary>
/// Fresh endpoints per run, so no run meets a previous one's lingering listener or TIME_WAIT
/// port: a unique inproc name, a port the kernel has just handed out, a new ipc path.
/// </summary>
public static class BenchEndpoints
{
    private static int s_sequence;

    /// <summary>Transports the comparison covers, in the order it runs them.</summary>
    public static IReadOnlyList<string> Transports { get; } = ["inproc", "tcp", "ipc"];

    /// <summary>A new endpoint on <paramref name="transport"/> (inproc, tcp or ipc).</summary>
    public static string Create(string transport)
    {
        int n = Interlocked.Increment(ref s_sequence);
        int pid = Environment.ProcessId;
        return transport switch
        {
            "inproc" => $"inproc://zinc-bench-{n}",
            "tcp" => $"tcp://127.0.0.1:{FreeTcpPort()}",
            "ipc" => $"ipc://{Path.Combine(Path.GetTempPath(), $"zinc-bench-{pid}-{n}.ipc")}",
            _ => throw new ArgumentException($"unknown transport '{transport}'"),
        };
    }

    /// <summary>Removes the socket file an ipc endpoint left behind (libzmq unlinks its own; a crash may not).</summary>
    public static void Cleanup(string endpoint)
    {
        const string ipc = "ipc://";
        if (!endpoint.StartsWith(ipc, StringComparison.Ordinal)) return;
        try { File.Delete(endpoint.Substring(ipc.Length)); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static int FreeTcpPort()
    {
        // Bound and closed at once: the window in which another program could take it is tiny.
        using var listener = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
