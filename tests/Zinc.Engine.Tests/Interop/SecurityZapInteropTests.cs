using Zinc.Tests.Security;
using static Zinc.Tests.Interop.Interop;
using static Zinc.Tests.Interop.SecurityInterop;

namespace Zinc.Tests.Interop;

/// <summary>
/// ZAP (RFC 27) around the NULL mechanism (ZAP_DOMAIN, ZAP_ENFORCE_DOMAIN), broken ZAP handlers,
/// and mechanism mismatches, between Zinc and libzmq 4.3.4. What libzmq does in each case is in
/// docs/security-libzmq-behaviour.md.
/// </summary>
public sealed class SecurityZapInteropTests
{
    private static void Domain(Socket socket, string domain) => socket.SetOption(SocketOption.ZapDomain, domain);

    [Fact]
    public void Null_with_a_zap_domain_asks_the_handler_and_a_denial_fails_both_sides_with_400()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "400"), s => Domain(s, "global")).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, "MONITOR=1");
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 400);
        Assert.Null(zinc.End.TryRecv(200));

        // libzmq's client now and then sees the connection drop before it reads the ERROR, and
        // tries once more; that second request is libzmq's doing, so only the first is checked.
        ZapRequestSeen request = Assert.IsType<ZapRequestSeen>(zinc.Zap!.Requests.First());
        Assert.Equal(6, request.Frames.Length); // NULL has no credential frames
        Assert.Equal("1.0", request.Version);
        Assert.NotEmpty(request.RequestId);
        Assert.Equal("global", request.Domain);
        Assert.Equal("127.0.0.1", request.Address);
        Assert.Equal("NULL", request.Mechanism);
    }

    [Fact]
    public void Null_with_a_zap_domain_delivers_the_handler_user_id_and_metadata()
    {
        byte[] metadata = RawZmtpPeer.Properties(("Hello", B("world")));
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => new ZapHandler(ctx, _ => new ZapReplySpec("200", "alice", metadata)), s => Domain(s, "global"))
            .Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, "MONITOR=1");
        lib.Send(B("hi"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "Hello", "Socket-Type");
        Assert.Equal(["hi"], frames.Select(S));
        Assert.Equal("alice", props["User-Id"]);
        Assert.Equal("world", props["Hello"]);
        Assert.Equal("DEALER", props["Socket-Type"]);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);
        SecuritySupport.ExpectSucceeded(lib);
        Assert.Equal(0, zinc.Socket.GetOptionInt32(SocketOption.Mechanism));
    }

    // libzmq: the User-Id frame of the reply wins over a User-Id property in its metadata.
    [Fact]
    public void Zap_user_id_frame_wins_over_a_user_id_in_the_metadata()
    {
        byte[] metadata = RawZmtpPeer.Properties(("User-Id", B("mallory")), ("X", B("y")));
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => new ZapHandler(ctx, _ => new ZapReplySpec("200", "alice", metadata)), s => Domain(s, "d"))
            .Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint);
        lib.Send(B("hi"));
        var (_, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "X");
        Assert.Equal("alice", props["User-Id"]);
        Assert.Equal("y", props["X"]);
    }

    [Fact]
    public void Null_with_a_zap_domain_but_no_handler_lets_everyone_in()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s => Domain(s, "global")).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, "MONITOR=1");
        lib.Send(B("in"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id");
        Assert.Equal(["in"], frames.Select(S));
        Assert.Null(props["User-Id"]);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);
    }

    [Fact]
    public void Null_without_a_zap_domain_never_asks_the_handler()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "400")).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint);
        lib.Send(B("in"));
        Expect(zinc.End, "in");
        Assert.Empty(zinc.Zap!.Requests);
    }

    [Fact]
    public void Zinc_null_client_denied_by_a_libzmq_domain_handler_reports_400()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "MONITOR=1", "ZAP_DOMAIN=s:global", "ZAP_HANDLER=400");
        using var zinc = new ZincPeer(SocketType.Dealer).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 400);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        Assert.Null(lib.TryRecv(200));
        byte[][] request = Assert.Single(lib.ZapRequests());
        Assert.Equal(["1.0", "global", "NULL"], new[] { request[0], request[2], request[5] }.Select(S));
    }

    // ---- ZAP_ENFORCE_DOMAIN (a draft option; libzmq 4.3.4 as Debian builds it accepts it) ----

    // libzmq: NULL with a domain, enforcement on and no handler → HANDSHAKE_FAILED_NO_DETAIL(EFAULT);
    // the handshake then hangs until HANDSHAKE_IVL and the client retries.
    [Fact]
    public void Enforced_domain_without_a_handler_fails_a_null_handshake_with_efault()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            Domain(s, "global");
            s.SetOption(SocketOption.ZapEnforceDomain, true);
        }).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedNoDetail, (int)ZmqError.EFAULT);
        Assert.Null(zinc.End.TryRecv(200));
    }

    [Fact]
    public void Enforced_domain_without_a_handler_fails_a_curve_handshake_with_efault()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            CurveServer(server)(s);
            Domain(s, "global");
            s.SetOption(SocketOption.ZapEnforceDomain, true);
        }).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, LibzmqCurveClient(server.PublicKey, client));
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedNoDetail, (int)ZmqError.EFAULT);
        Assert.Null(zinc.End.TryRecv(200));
    }

    // libzmq: CURVE with enforcement but no domain skips ZAP altogether (and so does NULL).
    [Fact]
    public void Enforcement_without_a_domain_skips_zap()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "400"), s =>
        {
            CurveServer(server)(s);
            s.SetOption(SocketOption.ZapEnforceDomain, true);
        }).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, LibzmqCurveClient(server.PublicKey, client));
        lib.Send(B("in"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id");
        Assert.Equal(["in"], frames.Select(S));
        Assert.Null(props["User-Id"]);
        Assert.Empty(zinc.Zap!.Requests);
    }

    // ---- broken ZAP handlers (libzmq: HANDSHAKE_FAILED_PROTOCOL with a ZAP code on the server; the
    // client only sees the connection drop) ----

    public static TheoryData<string> BrokenReplies() => new() { "bad-version", "bad-request-id", "five-frames", "seven-frames", "bad-status", "bad-metadata" };

    private static (byte[][] Frames, int Code) Broken(string kind, ZapRequestSeen r) => kind switch
    {
        "bad-version" => ([B("2.0"), r.RequestId, B("200"), [], B("u"), []], ProtocolError.ZapBadVersion),
        "bad-request-id" => ([B("1.0"), B("nope"), B("200"), [], B("u"), []], ProtocolError.ZapBadRequestId),
        "five-frames" => ([B("1.0"), r.RequestId, B("200"), [], B("u")], ProtocolError.ZapMalformedReply),
        "seven-frames" => ([B("1.0"), r.RequestId, B("200"), [], B("u"), [], B("extra")], ProtocolError.ZapMalformedReply),
        "bad-status" => ([B("1.0"), r.RequestId, B("201"), [], B("u"), []], ProtocolError.ZapInvalidStatusCode),
        "bad-metadata" => ([B("1.0"), r.RequestId, B("200"), [], B("u"), [5, .. B("Hello"), 0, 0, 0, 9, .. B("wo")]], ProtocolError.ZapInvalidMetadata),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(BrokenReplies))]
    public void Broken_zap_reply_fails_the_handshake_with_its_zap_protocol_error(string kind)
    {
        int code = Broken(kind, new ZapRequestSeen([[], [1]])).Code;
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => new ZapHandler(ctx, r => new ZapReplySpec("200") { RawFrames = Broken(kind, r).Frames }), s => Domain(s, "d"))
            .Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, "MONITOR=1");
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedProtocol, code);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_NO_DETAIL");
        Assert.Null(zinc.End.TryRecv(200));
    }

    // A libzmq server that sees the mismatch first closes at once, and its own greeting's
    // mechanism (queued in the same step) may never be written: then the Zinc client sees only
    // the connection drop, before it could compare mechanisms. libzmq clients meet the same race, and so does a Zinc server facing a libzmq client that
    // saw the mismatch first.
    private static void ExpectMismatchOrDrop(ZincMonitor monitor)
    {
        MonitorEvent? ev = monitor.WaitFor(SocketEvents.HandshakeFailedProtocol | SocketEvents.HandshakeFailedNoDetail);
        Assert.True(ev is not null, "no handshake failure; saw: " + monitor.Describe());
        if (ev!.Value.Event == SocketEvents.HandshakeFailedProtocol) Assert.Equal(ProtocolError.MechanismMismatch, ev.Value.Value);
    }

    // ---- mechanism mismatch: libzmq reports HANDSHAKE_FAILED_PROTOCOL(MECHANISM_MISMATCH) on both sides ----

    [Fact]
    public void Zinc_plain_client_against_a_libzmq_null_server_is_a_mechanism_mismatch()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "MONITOR=1");
        using var zinc = new ZincPeer(SocketType.Dealer, configure: PlainClient()).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_PROTOCOL", ProtocolError.MechanismMismatch);
        ExpectMismatchOrDrop(zinc.Monitor);
        Assert.Null(lib.TryRecv(200));
    }

    [Fact]
    public void Libzmq_curve_client_against_a_zinc_plain_server_is_a_mechanism_mismatch()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.AllowAll(ctx), PlainServer).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqCurveClient(server.PublicKey, client)]);
        lib.TrySend(B("must not arrive"));
        ExpectMismatchOrDrop(zinc.Monitor);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_PROTOCOL", ProtocolError.MechanismMismatch);
        Assert.Null(zinc.End.TryRecv(200));
        Assert.Empty(zinc.Zap!.Requests);
    }

    [Fact]
    public void Zinc_null_client_against_a_libzmq_curve_server_is_a_mechanism_mismatch()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", ["MONITOR=1", .. LibzmqCurveServer(Curve.GenerateKeyPair())]);
        using var zinc = new ZincPeer(SocketType.Dealer).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_PROTOCOL", ProtocolError.MechanismMismatch);
        ExpectMismatchOrDrop(zinc.Monitor);
        Assert.Null(lib.TryRecv(200));
    }

    [Fact]
    public void Libzmq_null_client_against_a_zinc_curve_server_is_a_mechanism_mismatch()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveServer(Curve.GenerateKeyPair())).Bind("ipc://@" + Guid.NewGuid().ToString("N"));
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, "MONITOR=1");
        lib.TrySend(B("must not arrive"));
        ExpectMismatchOrDrop(zinc.Monitor);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_PROTOCOL", ProtocolError.MechanismMismatch);
        Assert.Null(zinc.End.TryRecv(200));
    }
}
