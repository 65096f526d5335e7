namespace Zinc.Tests.Native;

/// <summary>
/// Zinc's libzmq.so.5 against the real one: the same C program (tests/native/interop.c) built
/// against Zinc and against Debian's libzmq talks REQ/REP with multipart over tcp both ways, and
/// the Debian-built binary runs unchanged on Zinc when LD_LIBRARY_PATH points at it.
/// </summary>
[Collection("Native")]
public sealed class CAbiInteropTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static void Exchange(string serverBinary, bool serverOnZinc, string clientBinary, bool clientOnZinc, bool curve = false)
    {
        using NativeProcess server = NativeProcess.Start(serverBinary, curve ? new[] { "server", "curve" } : new[] { "server" },
            serverOnZinc ? NativeBuild.OnZinc : null);
        string serverLib = server.WaitForLine("lib ", Deadline);
        string endpoint = server.WaitForLine("endpoint ", Deadline);
        string[] arguments = curve ? new[] { "client", endpoint, server.WaitForLine("key ", Deadline) } : new[] { "client", endpoint };
        ProcessResult client = NativeProcess.Run(clientBinary, arguments, Deadline, clientOnZinc ? NativeBuild.OnZinc : null);
        Assert.True(client.ExitCode == 0, "client: " + client);
        ProcessResult served = server.WaitForExit(Deadline);
        Assert.True(served.ExitCode == 0, "server: " + served);
        Assert.Contains("done", served.Stdout);
        AssertRunsOn(serverLib, serverOnZinc);
        AssertRunsOn(client.Stdout.Split('\n').First(l => l.StartsWith("lib ", StringComparison.Ordinal)).Substring(4), clientOnZinc);
    }

    private static void AssertRunsOn(string library, bool zinc)
    {
        if (zinc) Assert.StartsWith(NativeBuild.LibraryDir, Path.GetFullPath(library, NativeBuild.RepoRoot));
        else Assert.DoesNotContain("artifacts", library);
    }

    [Fact]
    public void Zinc_server_answers_a_libzmq_client() =>
        Exchange(NativeBuild.Program("interop"), true, NativeBuild.Program("interop", againstSystemLibzmq: true), false);

    [Fact]
    public void Zinc_client_asks_a_libzmq_server() =>
        Exchange(NativeBuild.Program("interop", againstSystemLibzmq: true), false, NativeBuild.Program("interop"), true);

    [Fact]
    public void Curve_keys_set_through_setsockopt_secure_zinc_and_libzmq_both_ways()
    {
        string zinc = NativeBuild.Program("interop"), libzmq = NativeBuild.Program("interop", againstSystemLibzmq: true);
        Exchange(zinc, true, libzmq, false, curve: true);
        Exchange(libzmq, false, zinc, true, curve: true);
    }

    [Fact]
    public void A_program_built_against_debian_libzmq_runs_on_zinc()
    {
        // Built with /usr/include/zmq.h and linked to Debian's libzmq.so.5; only the loader path changes.
        string debianBuilt = NativeBuild.Program("interop", againstSystemLibzmq: true);
        Exchange(debianBuilt, true, debianBuilt, false);
    }

    [Fact]
    public void Debian_pyzmq_runs_on_zinc()
    {
        // python3-zmq's extension links libzmq.so.5: under LD_LIBRARY_PATH it gets Zinc.
        NativeBuild.EnsureLibrary();
        string script = Path.Combine(NativeBuild.RepoRoot, "tests", "native", "pyzmq_on_zinc.py");
        ProcessResult result = NativeProcess.Run("/usr/bin/python3", new[] { script }, Deadline, NativeBuild.OnZinc);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("lib " + Path.Combine(NativeBuild.LibraryDir, "libzmq.so.5"), result.Stdout);
        Assert.Contains("done", result.Stdout);
    }
}
