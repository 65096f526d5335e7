using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Zinc.Tests.Interop;

/// <summary>
/// A libzmq socket in a python3 child process (peer.py), driven over its stdin/stdout.
/// Every call is bounded: an answer that does not come within its wait fails the test.
/// </summary>
internal sealed class LibzmqPeer : IEnd
{
    private const string Python = "/usr/bin/python3";
    private const int MarginMs = 10_000;

    private readonly string _type;
    private readonly bool _bind;
    private readonly string[] _options;
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private Task<string?>? _pendingLine;

    /// <summary>The endpoint bound (resolved when the port was *) or connected.</summary>
    public string Endpoint { get; private set; }

    private LibzmqPeer(string type, bool bind, string endpoint, string[] options)
    {
        _type = type;
        _bind = bind;
        _options = options;
        Endpoint = endpoint;
        Start();
    }

    /// <summary>
    /// A libzmq socket of <paramref name="type"/> (PAIR, ROUTER, ...) bound to <paramref name="endpoint"/>;
    /// options are NAME=int, NAME=x:hex or NAME=s:text, plus MONITOR=1 and the ZAP_HANDLER... settings of peer.py.
    /// </summary>
    public static LibzmqPeer Bind(string type, string endpoint, params string[] options) => new(type, true, endpoint, options);

    public static LibzmqPeer Connect(string type, string endpoint, params string[] options) => new(type, false, endpoint, options);

    public static string Hex(byte[] frame) => frame.Length == 0 ? "-" : Convert.ToHexString(frame);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public bool HasExited => _process is null || _process.HasExited;

    private void Start()
    {
        if (!File.Exists(Python))
            Assert.Fail($"interop tests need {Python} with the zmq module (Debian: apt-get install python3-zmq)");
        string script = Path.Combine(AppContext.BaseDirectory, "Interop", "peer.py");
        if (!File.Exists(script)) Assert.Fail($"peer script missing from the test output: {script}");
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(_type);
        info.ArgumentList.Add(_bind ? "bind" : "connect");
        info.ArgumentList.Add(Endpoint);
        foreach (string option in _options) info.ArgumentList.Add(option);
        lock (_stderr) _stderr.Clear();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        _process = process;
        _pendingLine = null;
        string ready = ReadLine(MarginMs, "start");
        if (!ready.StartsWith("ready ", StringComparison.Ordinal)) Fail($"did not start: {ready}");
        Endpoint = ready.Substring("ready ".Length);
    }

    /// <summary>Sends a multipart message; fails the test unless libzmq accepted it.</summary>
    public void Send(params byte[][] frames)
    {
        string answer = TrySend(frames);
        if (answer != "ok") Fail($"send failed: {answer}");
    }

    /// <summary>Sends a multipart message; returns "ok" or libzmq's "error NAME text" line.</summary>
    public string TrySend(params byte[][] frames) => Call("send " + string.Join(' ', frames.Select(Hex)), 5000);

    /// <summary>The next message, or null if none came within <paramref name="timeoutMs"/>.</summary>
    public byte[][]? TryRecv(int timeoutMs = 5000)
    {
        string answer = Call($"recv {timeoutMs}", timeoutMs);
        if (answer == "timeout") return null;
        if (!answer.StartsWith("frames", StringComparison.Ordinal)) Fail($"recv failed: {answer}");
        return answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => t == "-" ? Array.Empty<byte>() : Convert.FromHexString(t)).ToArray();
    }

    public byte[][] Recv(int timeoutMs = 5000) =>
        TryRecv(timeoutMs) ?? throw new Xunit.Sdk.XunitException($"libzmq {_type} received nothing within {timeoutMs} ms");

    public string[] RecvStrings(int timeoutMs = 5000) => Recv(timeoutMs).Select(f => Encoding.UTF8.GetString(f)).ToArray();

    /// <summary>
    /// The next message and, for each of <paramref name="names"/>, the message property libzmq gives
    /// for it (zmq_msg_gets on the last frame; null when it has none); null on timeout.
    /// </summary>
    public (byte[][] Frames, Dictionary<string, string?> Properties)? TryRecvWithProperties(int timeoutMs, params string[] names)
    {
        string answer = Call($"recvmeta {timeoutMs} {string.Join(' ', names)}", timeoutMs);
        if (answer == "timeout") return null;
        string[] parts = answer.Split(" | ");
        if (parts.Length != 2 || !parts[0].StartsWith("frames", StringComparison.Ordinal)) Fail($"recvmeta failed: {answer}");
        byte[][] frames = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(FromToken).ToArray();
        var props = new Dictionary<string, string?>();
        foreach (string item in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = item.Split('=', 2);
            props[pair[0]] = pair[1] == "!" ? null : Encoding.UTF8.GetString(FromToken(pair[1]));
        }
        return (frames, props);
    }

    /// <summary>The ZAP requests the peer's own handler (started with ZAP_HANDLER=STATUS) has answered so far, each as its frames.</summary>
    public byte[][][] ZapRequests()
    {
        string answer = Call("zapreqs", 0);
        if (!answer.StartsWith("requests", StringComparison.Ordinal)) Fail($"zapreqs failed: {answer}");
        string rest = answer.Length > "requests".Length ? answer["requests ".Length..] : "";
        return rest.Length == 0
            ? []
            : rest.Split(" | ").Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FromToken).ToArray()).ToArray();
    }

    /// <summary>Sends <paramref name="count"/> messages of <paramref name="size"/> bytes (see <see cref="SequenceMessage"/>); fails the test unless libzmq took them all.</summary>
    public void SendSequence(int count, int size) => Expect("ok", Call($"sendseq {count} {size}", count * 10 + 5000));

    /// <summary>Receives <paramref name="count"/> messages and checks they are the sequence 0..count-1; fails the test otherwise.</summary>
    public void RecvSequence(int count, int timeoutMs = 5000) => Expect("ok", Call($"recvseq {count} {timeoutMs}", count * 10 + timeoutMs));

    /// <summary>Message <paramref name="index"/> of a sequence: a big-endian u32 index, then the index's low byte repeated up to <paramref name="size"/> (at least 4).</summary>
    public static byte[] SequenceMessage(int index, int size)
    {
        byte[] data = new byte[size];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(data, index);
        data.AsSpan(4).Fill((byte)index);
        return data;
    }

    private static byte[] FromToken(string token) => token == "-" ? Array.Empty<byte>() : Convert.FromHexString(token);

    /// <summary>The next monitor event (peer started with MONITOR=1), or null on timeout.</summary>
    public (string Name, int Value, string Endpoint)? NextEvent(int timeoutMs = 5000)
    {
        string answer = Call($"event {timeoutMs}", timeoutMs);
        if (answer == "timeout") return null;
        string[] parts = answer.Split(' ');
        if (parts.Length < 4 || parts[0] != "event") Fail($"event failed: {answer}");
        return (parts[1], int.Parse(parts[2]), parts[3]);
    }

    /// <summary>Skips events until one named <paramref name="name"/> (e.g. DISCONNECTED) arrives; false on timeout.</summary>
    public bool WaitEvent(string name, int timeoutMs = 5000)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            var ev = NextEvent((int)Math.Max(1, timeoutMs - clock.ElapsedMilliseconds));
            if (ev is null) return false;
            if (ev.Value.Name == name) return true;
        }
        return false;
    }

    /// <summary>Sets a libzmq option by name; value is an int or x:hex.</summary>
    public void Set(string option, string value) => Expect("ok", Call($"set {option} {value}", 0));

    public void ConnectTo(string endpoint) => Expect("ok", Call($"connect {endpoint}", 0));

    public void DisconnectFrom(string endpoint) => Expect("ok", Call($"disconnect {endpoint}", 0));

    /// <summary>Kills the process: its connections drop as if the peer crashed.</summary>
    public void Kill()
    {
        Process? process = _process;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(MarginMs);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
        _process = null;
    }

    /// <summary>Kills and starts again on the same (resolved) endpoint.</summary>
    public void Restart()
    {
        Kill();
        Start();
    }

    /// <summary>Kills the process (the test is over: nothing to flush) and removes a bound ipc file.</summary>
    public void Dispose()
    {
        Kill();
        if (_bind) Interop.DeleteIpcFile(Endpoint); // libzmq 4.3.4 leaves it behind on close
    }

    private void Expect(string wanted, string answer)
    {
        if (answer != wanted) Fail($"expected '{wanted}', got '{answer}'");
    }

    private string Call(string command, int waitMs)
    {
        Process process = _process ?? throw new InvalidOperationException("libzmq peer is not running");
        try
        {
            process.StandardInput.WriteLine(command);
            process.StandardInput.Flush();
        }
        catch (IOException e)
        {
            Fail($"'{Clip(command)}' could not be written: {e.Message}");
        }
        return ReadLine(waitMs + MarginMs, command);
    }

    private string ReadLine(int waitMs, string what)
    {
        Process process = _process!;
        Task<string?> line = _pendingLine ??= process.StandardOutput.ReadLineAsync();
        if (!line.Wait(waitMs)) Fail($"no answer to '{Clip(what)}' within {waitMs} ms");
        _pendingLine = null;
        string? text = line.Result;
        if (text is null) Fail($"exited during '{Clip(what)}'");
        if (text.StartsWith("fatal", StringComparison.Ordinal)) Fail(text);
        return text;
    }

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "..." : text;

    [DoesNotReturn]
    private void Fail(string message)
    {
        string stderr;
        lock (_stderr) stderr = _stderr.ToString();
        throw new Xunit.Sdk.XunitException($"libzmq {_type} peer ({Endpoint}): {message}{(stderr.Length > 0 ? "\nstderr:\n" + stderr : "")}");
    }
}
