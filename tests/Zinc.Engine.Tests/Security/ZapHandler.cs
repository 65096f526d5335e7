using System.Diagnostics;
using System.Text;

namespace Zinc.Tests.Security;

/// <summary>One ZAP request (RFC 27) as the handler received it.</summary>
internal sealed record ZapRequestSeen(byte[][] Frames)
{
    public string Version => Text(0);
    public byte[] RequestId => Frame(1);
    public string Domain => Text(2);
    public string Address => Text(3);
    public byte[] Identity => Frame(4);
    public string Mechanism => Text(5);

    /// <summary>The credential frames after the mechanism (PLAIN: username, password; CURVE: the 32-byte client key; NULL: none).</summary>
    public byte[][] Credentials => Frames.Length > 6 ? Frames[6..] : [];

    private byte[] Frame(int i) => i < Frames.Length ? Frames[i] : [];

    private string Text(int i) => Encoding.UTF8.GetString(Frame(i));

    public override string ToString() => string.Join(" | ", Frames.Select(f => f.All(b => b is >= 0x20 and < 0x7F) ? Encoding.ASCII.GetString(f) : Convert.ToHexString(f)));
}

/// <summary>The handler's answer: status code (200, 300, 400, 500), User-Id and metadata (a ZMTP property list).</summary>
internal sealed record ZapReplySpec(string Status, string UserId = "", byte[]? Metadata = null, string? StatusText = null)
{
    /// <summary>When set, these frames are sent as they are instead of a well-formed reply (to test broken handlers).</summary>
    public byte[][]? RawFrames { get; init; }
}

/// <summary>
/// A ZAP handler written in the test: a Zinc REP socket bound at inproc://zeromq.zap.01 in the
/// given context, answered on its own thread by <paramref name="policy"/>. Every request it saw is
/// kept. Dispose it before the context (declare it after the context in a using block).
/// </summary>
internal sealed class ZapHandler : IDisposable
{
    public const string Endpoint = "inproc://zeromq.zap.01";

    private readonly Socket _rep;
    private readonly Func<ZapRequestSeen, ZapReplySpec> _policy;
    private readonly Thread _thread;
    private readonly List<ZapRequestSeen> _requests = [];
    private volatile bool _stopping;
    private Exception? _failure;

    public ZapHandler(Context context, Func<ZapRequestSeen, ZapReplySpec> policy)
    {
        _policy = policy;
        _rep = context.CreateSocket(SocketType.Rep);
        _rep.SetOption(SocketOption.Linger, 0);
        _rep.SetOption(SocketOption.RcvTimeo, 50);
        _rep.SetOption(SocketOption.SndTimeo, TestSupport.TimeoutMs);
        _rep.Bind(Endpoint);
        _thread = new Thread(Run) { IsBackground = true, Name = "zap-handler" };
        _thread.Start();
    }

    /// <summary>200 for everyone; User-Id as <paramref name="userId"/> chooses (default: PLAIN username, Z85 CURVE key, else "anonymous").</summary>
    public static ZapHandler AllowAll(Context context, Func<ZapRequestSeen, string>? userId = null, byte[]? metadata = null) =>
        new(context, r => new ZapReplySpec("200", (userId ?? DefaultUserId)(r), metadata));

    /// <summary>Always <paramref name="status"/> (300, 400, 500...).</summary>
    public static ZapHandler Always(Context context, string status) => new(context, _ => new ZapReplySpec(status));

    /// <summary>PLAIN: 200 for <paramref name="username"/>/<paramref name="password"/>, 400 otherwise; User-Id is the username.</summary>
    public static ZapHandler Plain(Context context, string username, string password, byte[]? metadata = null) =>
        new(context, r => r.Mechanism == "PLAIN" && r.Credentials.Length == 2
                          && Encoding.UTF8.GetString(r.Credentials[0]) == username && Encoding.UTF8.GetString(r.Credentials[1]) == password
            ? new ZapReplySpec("200", username, metadata)
            : new ZapReplySpec("400"));

    /// <summary>CURVE: 200 for the listed client public keys, 400 otherwise; User-Id is the client key in Z85.</summary>
    public static ZapHandler CurveKeys(Context context, params byte[][] allowed) =>
        new(context, r => r.Mechanism == "CURVE" && r.Credentials.Length == 1 && allowed.Any(k => k.AsSpan().SequenceEqual(r.Credentials[0]))
            ? new ZapReplySpec("200", Z85.Encode(r.Credentials[0]))
            : new ZapReplySpec("400"));

    public static string DefaultUserId(ZapRequestSeen r) => r.Mechanism switch
    {
        "PLAIN" when r.Credentials.Length > 0 => Encoding.UTF8.GetString(r.Credentials[0]),
        "CURVE" when r.Credentials.Length > 0 => Z85.Encode(r.Credentials[0]),
        _ => "anonymous",
    };

    /// <summary>The requests received so far.</summary>
    public ZapRequestSeen[] Requests
    {
        get
        {
            AssertHealthy();
            lock (_requests) return _requests.ToArray();
        }
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> requests were received.</summary>
    public bool WaitRequests(int count, int timeoutMs = TestSupport.TimeoutMs)
    {
        var clock = Stopwatch.StartNew();
        lock (_requests)
        {
            while (_requests.Count < count)
            {
                AssertHealthy();
                long left = timeoutMs - clock.ElapsedMilliseconds;
                if (left <= 0) return false;
                Monitor.Wait(_requests, (int)left);
            }
        }
        return true;
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                if (!_rep.TryReceiveBytes(out byte[] first)) continue;
                var frames = new List<byte[]> { first };
                while (_rep.HasMore) frames.Add(_rep.ReceiveBytes());
                var request = new ZapRequestSeen(frames.ToArray());
                // Recorded before the answer goes out, so a test that saw the handshake end also sees the request.
                lock (_requests)
                {
                    _requests.Add(request);
                    Monitor.PulseAll(_requests);
                }
                ZapReplySpec reply = _policy(request);
                _rep.SendMultipart(reply.RawFrames ?? new[]
                {
                    Encoding.ASCII.GetBytes("1.0"),
                    request.RequestId,
                    Encoding.ASCII.GetBytes(reply.Status),
                    Encoding.UTF8.GetBytes(reply.StatusText ?? "zap " + reply.Status),
                    Encoding.UTF8.GetBytes(reply.UserId),
                    reply.Metadata ?? [],
                });
            }
        }
        catch (Exception e)
        {
            if (!_stopping) _failure = e; // else: the socket or context is going away
            lock (_requests) Monitor.PulseAll(_requests);
        }
    }

    /// <summary>Fails the test if the handler thread died (its socket failed, or the policy threw).</summary>
    public void AssertHealthy()
    {
        if (_failure is not null) throw new Xunit.Sdk.XunitException($"ZAP handler failed: {_failure}");
    }

    // Never throws: a failure here would hide the test's own assertion failure.
    public void Dispose()
    {
        _stopping = true;
        if (_thread.Join(TestSupport.TimeoutMs * 2)) _rep.Dispose();
    }
}
