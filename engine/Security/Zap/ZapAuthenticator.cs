using Zinc.Polling;
using Zinc.Security.Zap;

namespace Zinc;

/// <summary>
/// A ready-made ZAP handler (RFC 27) for one <see cref="Context"/>: it binds
/// <see cref="Endpoint"/> and answers the authentication requests of that context's servers on a
/// background thread. Peers are filtered by address (<see cref="Allow"/>, <see cref="Deny"/>),
/// then by mechanism: NULL passes, PLAIN needs a configured user and password, CURVE a trusted
/// client key. Configuration may change at any time, from any thread; each request sees it whole.
/// </summary>
/// <example>
/// <code>
/// using var auth = new ZapAuthenticator(context);
/// auth.ConfigurePlain("*", new Dictionary&lt;string, string&gt; { ["admin"] = "secret" });
/// auth.Start();
/// </code>
/// </example>
public sealed class ZapAuthenticator : IDisposable
{
    /// <summary>The endpoint every ZAP handler binds (RFC 27).</summary>
    public const string Endpoint = "inproc://zeromq.zap.01";

    // A missed wake-up delays a stop by at most this much; otherwise the thread sleeps in poll.
    private const int IdleWaitMs = 500;
    private const int JoinTimeoutMs = 10_000;

    private readonly Context _context;
    private readonly ZapPolicy _policy = new();
    private readonly object _gate = new();
    private Socket? _router;
    private EventFd? _wake;
    private Thread? _thread;
    private volatile bool _stopping;
    private bool _disposed;
    private long _requests;
    private long _malformed;

    /// <summary>An authenticator for <paramref name="context"/>'s sockets; call <see cref="Start"/> to serve.</summary>
    public ZapAuthenticator(Context context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Receives a line per decision and problem (called on the authenticator's thread); null for silence.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>
    /// Called on the authenticator's thread for every well-formed request with the built-in decision;
    /// returns the reply to send: the same one, one with metadata added (<see cref="ZapReply.WithMetadata(string, string)"/>),
    /// or a different verdict. An exception becomes a 500 reply.
    /// </summary>
    public Func<ZapRequest, ZapReply, ZapReply>? Override { get; set; }

    /// <summary>True while the background thread serves requests.</summary>
    public bool IsRunning => _thread is { IsAlive: true };

    /// <summary>Requests answered so far, malformed ones included.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Messages that were not valid ZAP requests (answered with 500, or dropped when they had no envelope).</summary>
    public long MalformedRequestCount => Interlocked.Read(ref _malformed);

    /// <summary>
    /// Binds <see cref="Endpoint"/> and starts serving. <see cref="ZmqException"/> with EADDRINUSE
    /// when another handler is bound in this context; ETERM when the context is shut down.
    /// </summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null) throw new InvalidOperationException("the authenticator is already started");
            Socket router = _context.CreateSocket(SocketType.Router);
            try
            {
                // Requests must never be dropped or refused for credit: libzmq disables the HWM on its ZAP pipes too.
                router.SetOption(SocketOption.SndHwm, 0);
                router.SetOption(SocketOption.RcvHwm, 0);
                router.SetOption(SocketOption.Linger, 0);
                router.SetOption(SocketOption.RcvTimeo, 1000);
                router.Bind(Endpoint);
                _wake = new EventFd();
            }
            catch
            {
                router.Close();
                throw;
            }
            _router = router;
            _thread = new Thread(Serve) { IsBackground = true, Name = "zinc-zap" };
            _thread.Start();
        }
    }

    /// <summary>
    /// Adds addresses to the allow list. While the list has entries, only those addresses pass
    /// (and the deny list is not consulted); they still need valid PLAIN or CURVE credentials.
    /// </summary>
    public void Allow(params string[] addresses) => _policy.Allow(NotNull(addresses));

    /// <summary>Adds addresses to the deny list, which applies while the allow list is empty.</summary>
    public void Deny(params string[] addresses) => _policy.Deny(NotNull(addresses));

    /// <summary>Sets the PLAIN users (name to password) of <paramref name="domain"/>; "*" serves any domain without its own.</summary>
    public void ConfigurePlain(string domain, IReadOnlyDictionary<string, string> passwords)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(passwords);
        _policy.SetPasswords(domain, passwords.ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Sets the PLAIN users of <paramref name="domain"/> from a password file: <c>name=password</c>
    /// lines, '#' comments. Read now; call again to pick up changes.
    /// </summary>
    public void ConfigurePlainFile(string domain, string path)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _policy.SetPasswords(domain, PasswordFile.Load(path));
    }

    /// <summary>Trusts exactly these CURVE client keys (40-character Z85) in <paramref name="domain"/>.</summary>
    public void ConfigureCurve(string domain, params string[] publicKeysZ85)
    {
        ArgumentNullException.ThrowIfNull(domain);
        foreach (string key in NotNull(publicKeysZ85))
            if (key is not { Length: 40 } || Z85.Decode(key) is null) throw new ArgumentException($"'{key}' is not a 40-character Z85 key", nameof(publicKeysZ85));
        _policy.SetCurve(domain, CurveTrust.Keys(publicKeysZ85));
    }

    /// <summary>Trusts exactly these CURVE client keys (32 bytes each) in <paramref name="domain"/>.</summary>
    public void ConfigureCurve(string domain, params byte[][] publicKeys)
    {
        ArgumentNullException.ThrowIfNull(domain);
        foreach (byte[] key in NotNull(publicKeys))
            if (key is not { Length: 32 }) throw new ArgumentException("a CURVE public key is 32 bytes", nameof(publicKeys));
        _policy.SetCurve(domain, CurveTrust.Keys(publicKeys.Select(k => Z85.Encode(k))));
    }

    /// <summary>Accepts every CURVE client in <paramref name="domain"/> (the connection is still encrypted; the client is not authenticated).</summary>
    public void ConfigureCurveAllowAny(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _policy.SetCurve(domain, CurveTrust.Any());
    }

    /// <summary>
    /// Trusts the public keys of the certificates in <paramref name="directory"/> (files as
    /// <see cref="CurveCertificate"/> writes them; <c>*_secret</c> files and files that are not
    /// certificates are skipped). Read now and again on <see cref="ReloadCertificates"/>.
    /// </summary>
    public void ConfigureCurveCertificates(string domain, string directory)
    {
        ArgumentNullException.ThrowIfNull(domain);
        string full = Path.GetFullPath(directory);
        List<string> keys = CertificateDirectory.LoadPublicKeys(full, Log);
        _policy.SetCurve(domain, CurveTrust.FromDirectory(full, keys));
        Trace($"ZAP: domain '{domain}' trusts {keys.Count} CURVE keys from {full}");
    }

    /// <summary>Reads every certificate directory given to <see cref="ConfigureCurveCertificates"/> again.</summary>
    public void ReloadCertificates()
    {
        foreach ((string domain, string directory) in _policy.CurveDirectories())
        {
            List<string> keys = CertificateDirectory.LoadPublicKeys(directory, Log);
            _policy.ReplaceCurveDirectory(domain, CurveTrust.FromDirectory(directory, keys));
            Trace($"ZAP: domain '{domain}' reloaded {keys.Count} CURVE keys from {directory}");
        }
    }

    /// <summary>Stops serving and unbinds <see cref="Endpoint"/>; waits (boundedly) for the thread to finish.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _stopping = true;
            thread = _thread;
            _wake?.Notify();
        }
        // Disposing from the Override or Log callback runs on the thread itself: it stops after this request.
        if (thread is null || thread == Thread.CurrentThread) return;
        if (!thread.Join(JoinTimeoutMs)) Trace("ZAP: the authenticator thread did not stop in time");
    }

    private void Serve()
    {
        Socket router = _router!;
        EventFd wake = _wake!;
        var poller = new Poller();
        try
        {
            poller.Add(router, PollEvents.PollIn);
            poller.Add(wake.Fd, PollEvents.PollIn);
            while (!_stopping)
            {
                if (!poller.TryWait(out PollerEvent ready, IdleWaitMs)) continue;
                if (ready.Socket is null)
                {
                    wake.Clear();
                    continue;
                }
                while (!_stopping && router.TryReceiveBytes(out byte[] first, ReceiveFlags.DontWait))
                {
                    var frames = new List<byte[]> { first };
                    while (router.HasMore) frames.Add(router.ReceiveBytes());
                    Handle(router, frames);
                }
            }
        }
        catch (ZmqException e) when (e.Error == ZmqError.ETERM)
        {
            Trace("ZAP: context terminated; authenticator stopped");
        }
        catch (Exception e)
        {
            // No handler means servers fail their handshakes (closed, not open), so stopping is safe;
            // taking the process down from a background thread would not be.
            Trace($"ZAP: authenticator stopped by an unexpected error: {e}");
        }
        finally
        {
            poller.Dispose();
            router.Close();
            wake.Dispose();
        }
    }

    private void Handle(Socket router, List<byte[]> frames)
    {
        int bodyStart = ZapCodec.BodyStart(frames);
        if (bodyStart < 0)
        {
            Interlocked.Increment(ref _malformed);
            Trace($"ZAP: dropped a {frames.Count}-frame message without an empty delimiter: no way to reply");
            return;
        }
        ZapParseResult parsed = ZapCodec.Parse(frames, bodyStart);
        ZapReply reply;
        if (parsed.Request is { } request)
        {
            reply = Decide(request);
            Trace($"ZAP: {reply} for {request.Mechanism} from '{request.Address}' in domain '{request.Domain}'");
        }
        else
        {
            Interlocked.Increment(ref _malformed);
            reply = ZapReply.InternalError(parsed.StatusText);
            Trace($"ZAP: {reply}: {parsed.Problem}");
        }
        // Counted before the reply leaves, so a server that has its answer sees the count include it.
        Interlocked.Increment(ref _requests);
        router.SendMultipart(ZapCodec.EncodeReply(frames, bodyStart, parsed.RequestId, reply));
    }

    private ZapReply Decide(ZapRequest request)
    {
        ZapReply reply = _policy.Decide(request);
        Func<ZapRequest, ZapReply, ZapReply>? hook = Override;
        if (hook is null) return reply;
        try
        {
            return hook(request, reply) ?? ZapReply.InternalError("Override returned no reply");
        }
        catch (Exception e)
        {
            Trace($"ZAP: Override threw: {e}");
            return ZapReply.InternalError("Authenticator override failed");
        }
    }

    private void Trace(string line)
    {
        try
        {
            Log?.Invoke(line);
        }
        catch (Exception)
        {
            // A failing log sink must not stop authentication.
        }
    }

    private static T[] NotNull<T>(T[] items) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (T item in items) ArgumentNullException.ThrowIfNull(item, nameof(items));
        return items;
    }
}
