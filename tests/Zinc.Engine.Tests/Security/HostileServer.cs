using Zinc.Tests.Interop;
using static Zinc.Tests.Security.SecuritySupport;

namespace Zinc.Tests.Security;

/// <summary>
/// The server a hostile raw client attacks: a Zinc DEALER (the socket under test) or, as the
/// reference that pins down what to expect, a libzmq 4.3.4 DEALER in peer.py. Both are PLAIN
/// servers with a ZAP handler accepting admin/secret, or CURVE servers with a ZAP handler accepting
/// every key, and both report their monitor events through the same calls.
/// </summary>
internal sealed class HostileServer : IDisposable
{
    public const string User = "admin", Password = "secret";

    private readonly Context? _context;
    private readonly ZincEnd? _zinc;
    private readonly ZincMonitor? _monitor;
    private readonly ZapHandler? _zap;
    private readonly LibzmqPeer? _lib;

    private HostileServer(string target, string mechanism)
    {
        Mechanism = mechanism;
        ServerKeys = Curve.GenerateKeyPair();
        if (target == "libzmq")
        {
            string[] options = mechanism == "PLAIN"
                ? ["MONITOR=1", "PLAIN_SERVER=1", "ZAP_HANDLER=400", $"ZAP_HANDLER_PLAIN={User}:{Password}"]
                : ["MONITOR=1", "CURVE_SERVER=1", "CURVE_SECRETKEY=x:" + Convert.ToHexString(ServerKeys.SecretKey), "ZAP_HANDLER=200"];
            _lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", options);
            Endpoint = _lib.Endpoint;
            return;
        }
        if (target != "zinc") throw new ArgumentException(target);
        _context = new Context();
        try
        {
            _zap = mechanism == "PLAIN" ? ZapHandler.Plain(_context, User, Password) : ZapHandler.AllowAll(_context);
            _zinc = new ZincEnd(_context, SocketType.Dealer);
            _monitor = new ZincMonitor(_context, _zinc.Socket);
            if (mechanism == "PLAIN") _zinc.Socket.SetOption(SocketOption.PlainServer, true);
            else
            {
                _zinc.Socket.SetOption(SocketOption.CurveServer, true);
                _zinc.Socket.SetOption(SocketOption.CurveSecretKey, ServerKeys.SecretKey);
            }
            _zinc.Socket.Bind("tcp://127.0.0.1:*");
            Endpoint = _zinc.Endpoint;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static TheoryData<string> Targets() => new() { "zinc", "libzmq" };

    public static HostileServer Plain(string target) => new(target, "PLAIN");

    public static HostileServer CurveServer(string target) => new(target, "CURVE");

    public string Mechanism { get; }

    public CurveKeyPair ServerKeys { get; }

    public string Endpoint { get; } = "";

    public bool IsZinc => _zinc is not null;

    /// <summary>A raw connection that has exchanged greetings announcing this server's mechanism.</summary>
    public RawZmtpPeer ConnectRaw()
    {
        var raw = RawZmtpPeer.Connect(Endpoint);
        raw.Write(RawZmtpPeer.Greeting3(mechanism: Mechanism));
        raw.ReadGreeting3(Mechanism);
        return raw;
    }

    /// <summary>Fails the test unless the next handshake failure the server reports is <paramref name="expected"/> (with <paramref name="value"/> when given).</summary>
    public void ExpectFailure(SocketEvents expected, int? value = null)
    {
        if (_monitor is not null) SecuritySupport.ExpectFailure(_monitor, expected, value);
        else SecuritySupport.ExpectFailure(_lib!, LibzmqName(expected), value);
    }

    /// <summary>
    /// The connection was dropped: a Disconnected event, or first a handshake failure, which must
    /// then be <paramref name="allowedFailure"/>. For libzmq, whether it reports a failure at all is
    /// pinned by <paramref name="libzmqReportsFailure"/>.
    /// </summary>
    public void ExpectDropped((SocketEvents Event, int Value) allowedFailure, bool libzmqReportsFailure)
    {
        if (_monitor is not null)
        {
            MonitorEvent? ev = _monitor.WaitFor(HandshakeFailures | SocketEvents.Disconnected);
            Assert.True(ev is not null, $"no failure or disconnection reported; saw: {_monitor.Describe()}");
            if (ev.Value.Event != SocketEvents.Disconnected)
                Assert.True(ev.Value.Event == allowedFailure.Event && ev.Value.Value == allowedFailure.Value,
                    $"expected {allowedFailure.Event}({ProtocolErrorNames.Name(allowedFailure.Value)}) or none, got {ev.Value.Event}({ProtocolErrorNames.Name(ev.Value.Value)}); saw: {_monitor.Describe()}");
            return;
        }
        var seen = new List<string>();
        while (_lib!.NextEvent(WaitMs) is { } e)
        {
            seen.Add($"{e.Name}({e.Value})");
            if (e.Name.StartsWith("HANDSHAKE_FAILED", StringComparison.Ordinal))
            {
                Assert.True(libzmqReportsFailure, $"libzmq reported {e.Name}; saw: {string.Join(", ", seen)}");
                Assert.Equal((LibzmqName(allowedFailure.Event), allowedFailure.Value), (e.Name, e.Value));
                return;
            }
            if (e.Name == "DISCONNECTED")
            {
                Assert.False(libzmqReportsFailure, $"libzmq reported no handshake failure; saw: {string.Join(", ", seen)}");
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"libzmq reported nothing; saw: {string.Join(", ", seen)}");
    }

    public void ExpectSucceeded()
    {
        if (_monitor is not null) SecuritySupport.ExpectSucceeded(_monitor);
        else SecuritySupport.ExpectSucceeded(_lib!);
    }

    public byte[][]? TryRecv(int timeoutMs) => _zinc is not null ? _zinc.TryRecv(timeoutMs) : _lib!.TryRecv(timeoutMs);

    /// <summary>Nothing reaches the application (checked for a short while: the hostile connection is already gone).</summary>
    public void AssertNothingDelivered()
    {
        byte[][]? got = TryRecv(200);
        Assert.True(got is null, $"the server delivered [{string.Join(", ", got?.Select(S) ?? [])}] from a hostile connection");
    }

    /// <summary>How many ZAP requests the server's handler has answered.</summary>
    public int ZapRequestCount => _zap is not null ? _zap.Requests.Length : _lib!.ZapRequests().Length;

    /// <summary>
    /// The server still serves a well-behaved client afterwards: a Zinc DEALER with the right
    /// credentials (Zinc server) or the validated raw client (libzmq server) gets a message through
    /// and, unless <paramref name="replyToo"/> is false, one back.
    /// </summary>
    public void AssertStillServes(bool replyToo = true)
    {
        if (_zinc is not null)
        {
            using var client = new ZincEnd(_context!, SocketType.Dealer);
            if (Mechanism == "PLAIN")
            {
                client.Socket.SetOption(SocketOption.PlainUsername, User);
                client.Socket.SetOption(SocketOption.PlainPassword, Password);
            }
            else
            {
                CurveKeyPair keys = Curve.GenerateKeyPair();
                client.Socket.SetOption(SocketOption.CurveServerKey, ServerKeys.PublicKey);
                client.Socket.SetOption(SocketOption.CurvePublicKey, keys.PublicKey);
                client.Socket.SetOption(SocketOption.CurveSecretKey, keys.SecretKey);
            }
            client.Socket.Connect(Endpoint);
            client.Send(B("after"));
            Assert.Equal(["after"], (_zinc.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException("a good client got nothing through afterwards")).Select(S));
            if (!replyToo) return;
            _zinc.Send(B("back"));
            Assert.Equal(["back"], (client.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException("nothing came back to the good client")).Select(S));
            return;
        }
        using var raw = RawZmtpPeer.Connect(Endpoint);
        if (Mechanism == "PLAIN")
        {
            RawPlain.Handshake(raw, User, Password, "DEALER");
            raw.SendMessage(B("after"));
            Assert.Equal(["after"], _lib!.Recv().Select(S));
            if (!replyToo) return;
            _lib.Send(B("back"));
            Assert.Equal(["back"], raw.ReadMessage().Select(S));
        }
        else
        {
            var client = new RawCurveClient(ServerKeys.PublicKey);
            client.Handshake(raw, "DEALER");
            raw.Write(client.Message(B("after")));
            Assert.Equal(["after"], _lib!.Recv().Select(S));
            if (!replyToo) return;
            _lib.Send(B("back"));
            Assert.Equal(["back"], client.ReadMessage(raw).Select(S));
        }
    }

    private static string LibzmqName(SocketEvents ev) => ev switch
    {
        SocketEvents.HandshakeFailedProtocol => "HANDSHAKE_FAILED_PROTOCOL",
        SocketEvents.HandshakeFailedAuth => "HANDSHAKE_FAILED_AUTH",
        SocketEvents.HandshakeFailedNoDetail => "HANDSHAKE_FAILED_NO_DETAIL",
        _ => throw new ArgumentException(ev.ToString()),
    };

    public void Dispose()
    {
        _lib?.Dispose();
        _monitor?.Dispose();
        _zinc?.Dispose();
        _zap?.Dispose();
        _context?.Dispose();
    }
}
