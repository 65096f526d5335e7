namespace Zinc.Tests.Native;

/// <summary>
/// The C ABI from C: each test compiles one program of tests/native against Zinc's zmq.h and
/// libzmq.so.5, runs it, and expects exit 0 and its closing "done" (the programs check every
/// return value and errno themselves and print the failing line).
/// </summary>
[Collection("Native")]
public sealed class CAbiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static ProcessResult RunOnZinc(string name, params string[] arguments)
    {
        ProcessResult result = NativeProcess.Run(NativeBuild.Program(name), arguments, Deadline, NativeBuild.OnZinc);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("done", result.Stdout);
        return result;
    }

    [Fact]
    public void Pair_over_inproc_tcp_and_ipc()
    {
        ProcessResult result = RunOnZinc("pair_basic");
        Assert.Contains("inproc ok", result.Stdout);
        Assert.Contains("tcp://127.0.0.1:* ok", result.Stdout);
        Assert.Contains("ipc://@zinc-native-pair ok", result.Stdout);
    }

    [Fact]
    public void Every_pattern_pairing_with_multipart()
    {
        ProcessResult result = RunOnZinc("patterns");
        Assert.Contains("inproc ok", result.Stdout);
        Assert.Contains("tcp ok", result.Stdout);
        Assert.Contains("stream ok", result.Stdout);
    }

    [Fact]
    public void C_threads_each_with_a_socket() => RunOnZinc("threads");

    [Fact]
    public void Zap_handler_in_c_decides_plain_logins() => RunOnZinc("zap");

    [Fact]
    public void Message_api() => RunOnZinc("msg");

    [Fact]
    public void Poll_and_fd_events() => RunOnZinc("poll");

    [Fact]
    public void Socket_and_context_options() => RunOnZinc("options");

    [Fact]
    public void Errno_values() => RunOnZinc("errors");

    [Fact]
    public void Socket_monitor_events() => RunOnZinc("monitor");

    [Fact]
    public void Proxy_threads_iov_and_draft_api() => RunOnZinc("extras");

    [Fact]
    public void Z85_curve_counters_and_utilities() => RunOnZinc("util");

    /// <summary>After zmq_ctx_term has reached a socket, every call but zmq_close is ETERM, options too.</summary>
    [Fact]
    public void Calls_on_a_socket_after_context_termination_fail_with_eterm() => RunOnZinc("terminate");

    /// <summary>zmq_proxy_steerable answers STATISTICS with libzmq's 8 counters, on PAIR and REP.</summary>
    [Fact]
    public void Steerable_proxy_reports_statistics()
    {
        ProcessResult result = RunOnZinc("proxy_stats");
        Assert.Contains("pair control ok", result.Stdout);
        Assert.Contains("rep control ok", result.Stdout);
    }

    /// <summary>A signal ends blocking receives, sends and polls with EINTR, as in libzmq.</summary>
    [Fact]
    public void Signals_interrupt_blocking_calls_with_eintr() => RunOnZinc("eintr");

    /// <summary>zmq_ctx_set_ext/get_ext, zmq_poller_fd, zmq_join/leave/connect_peer, EINTR in the poller.</summary>
    [Fact]
    public void Draft_context_poller_and_group_functions() => RunOnZinc("drafts");

    [Fact]
    public void Versioned_socket_monitor_events() => RunOnZinc("monitor_v2");

    /// <summary>
    /// The same binaries, built against Zinc, run on Debian's libzmq 4.3.4 (no LD_LIBRARY_PATH:
    /// the loader finds the system libzmq.so.5) and pass: the tests' expectations (errno values,
    /// option forms, event order) are libzmq's, not Zinc's own. Zinc's exports are unversioned
    /// like libzmq's, so the loader has nothing to warn about either.
    /// </summary>
    [Theory]
    [InlineData("pair_basic")]
    [InlineData("patterns")]
    [InlineData("msg")]
    [InlineData("poll")]
    [InlineData("options")]
    [InlineData("errors")]
    [InlineData("monitor")]
    [InlineData("threads")]
    [InlineData("zap")]
    [InlineData("eintr")]
    [InlineData("proxy_stats")]
    [InlineData("terminate")]
    public void Same_program_passes_on_libzmq(string name)
    {
        ProcessResult result = NativeProcess.Run(NativeBuild.Program(name), Array.Empty<string>(), Deadline);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("done", result.Stdout);
        Assert.DoesNotContain("version information", result.Stderr);
    }

    [Fact]
    public void Library_has_libzmq_soname_and_symlink()
    {
        NativeBuild.EnsureLibrary();
        ProcessResult result = NativeProcess.Run("readelf", new[] { "-d", Path.Combine(NativeBuild.LibraryDir, "libzmq.so.5") }, Deadline);
        Assert.Contains("Library soname: [libzmq.so.5]", result.Stdout);
        var link = new FileInfo(Path.Combine(NativeBuild.LibraryDir, "libzmq.so"));
        Assert.Equal("libzmq.so.5", link.LinkTarget);
        Assert.True(File.Exists(Path.Combine(NativeBuild.LibraryDir, "include", "zmq.h")));
    }

    /// <summary>Every function Debian's libzmq 4.3.4 exports is exported by Zinc too, unversioned.</summary>
    [Fact]
    public void Exports_cover_libzmq_4_3_4()
    {
        NativeBuild.EnsureLibrary();
        HashSet<string> ours = ExportedFunctions(Path.Combine(NativeBuild.LibraryDir, "libzmq.so.5"));
        HashSet<string> libzmq = ExportedFunctions(NativeBuild.SystemLibzmq);
        Assert.Empty(libzmq.Except(ours));
        ProcessResult versions = NativeProcess.Run("objdump", new[] { "-T", Path.Combine(NativeBuild.LibraryDir, "libzmq.so.5") }, Deadline);
        Assert.DoesNotContain(versions.Stdout.Split('\n'), line => line.Contains("zmq_", StringComparison.Ordinal) && line.Contains("V1.0", StringComparison.Ordinal));
    }

    private static HashSet<string> ExportedFunctions(string library)
    {
        ProcessResult result = NativeProcess.Run("nm", new[] { "-D", "--defined-only", library }, Deadline);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 3 && parts[1] == "T" && parts[2].StartsWith("zmq_", StringComparison.Ordinal))
            .Select(parts => parts[2].Split('@')[0])
            .ToHashSet();
    }
}
