using System.Text;
using Zinc.Tests.Security;
using static Zinc.Tests.Interop.Interop;
using static Zinc.Tests.Interop.SecurityInterop;

namespace Zinc.Tests.Interop;

/// <summary>
/// PLAIN (RFC 24) with ZAP (RFC 27) between Zinc and libzmq 4.3.4, both ways. What libzmq does in
/// each case (checked libzmq against libzmq) is in docs/security-libzmq-behaviour.md.
/// </summary>
public sealed class SecurityPlainInteropTests
{
    public static TheoryData<string> TransportData() => TransportNames();

    [Theory]
    [MemberData(nameof(TransportData))]
    public void Zinc_plain_server_authenticates_a_libzmq_client_through_its_zap_handler(string transport)
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Plain(ctx, User, Password), PlainServer).Bind(BindEndpoint(transport));
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqPlainClient()]);

        lib.Send(B("hello"), B("zinc"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "Socket-Type", "Peer-Address");
        Assert.Equal(["hello", "zinc"], frames.Select(S));
        Assert.Equal(User, props["User-Id"]);
        Assert.Equal("DEALER", props["Socket-Type"]);
        if (IsTcp(transport)) Assert.Equal("127.0.0.1", props["Peer-Address"]);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);
        SecuritySupport.ExpectSucceeded(lib);

        zinc.End.Send(B("back"));
        Expect(lib, "back");
        Assert.Equal(1, zinc.Socket.GetOptionInt32(SocketOption.Mechanism));

        ZapRequestSeen request = Assert.Single(zinc.Zap!.Requests);
        Assert.Equal("1.0", request.Version);
        Assert.NotEmpty(request.RequestId);
        Assert.Equal("", request.Domain);
        if (IsTcp(transport)) Assert.Equal("127.0.0.1", request.Address);
        Assert.Equal("PLAIN", request.Mechanism);
        Assert.Equal([User, Password], request.Credentials.Select(S));
    }

    [Theory]
    [MemberData(nameof(TransportData))]
    public void Zinc_plain_client_authenticates_to_a_libzmq_server(string transport)
    {
        using var lib = LibzmqPeer.Bind("DEALER", BindEndpoint(transport), "MONITOR=1", "PLAIN_SERVER=1", "ZAP_HANDLER=400", $"ZAP_HANDLER_PLAIN={User}:{Password}");
        using var zinc = new ZincPeer(SocketType.Dealer, configure: PlainClient()).Connect(lib.Endpoint);

        zinc.End.Send(B("hello"), B("libzmq"));
        var got = lib.TryRecvWithProperties(WaitMs, "User-Id", "Socket-Type");
        Assert.NotNull(got);
        Assert.Equal(["hello", "libzmq"], got.Value.Frames.Select(S));
        Assert.Equal(User, got.Value.Properties["User-Id"]);
        Assert.Equal("DEALER", got.Value.Properties["Socket-Type"]);
        SecuritySupport.ExpectSucceeded(lib);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);

        lib.Send(B("back"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "Socket-Type");
        Assert.Equal(["back"], frames.Select(S));
        Assert.Null(props["User-Id"]); // a client asks no ZAP handler: libzmq's client has no User-Id either
        Assert.Equal("DEALER", props["Socket-Type"]);
        Assert.Equal(1, zinc.Socket.GetOptionInt32(SocketOption.Mechanism));
    }

    // libzmq 4.3.4: a PLAIN server with no ZAP handler fails every handshake with
    // HANDSHAKE_FAILED_NO_DETAIL(EFAULT); its clients see the connection drop and retry.
    [Fact]
    public void Zinc_plain_server_without_a_zap_handler_refuses_every_client()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, configure: PlainServer).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqPlainClient()]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedNoDetail, (int)ZmqError.EFAULT);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_NO_DETAIL");
        Assert.Null(zinc.End.TryRecv(200));
    }

    [Fact]
    public void Zinc_plain_client_is_refused_by_a_libzmq_server_without_a_zap_handler()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "MONITOR=1", "PLAIN_SERVER=1");
        // libzmq 4.3.4 does not always hang up after refusing (its handshake then waits for
        // HANDSHAKE_IVL): a short one on the Zinc side makes the client's failure certain either way.
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            PlainClient()(s);
            s.SetOption(SocketOption.HandshakeIvl, 1000);
        }).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_NO_DETAIL", (int)ZmqError.EFAULT);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedNoDetail); // a hang-up, or our handshake timeout
        Assert.Null(lib.TryRecv(200));
    }

    // What the libzmq client reports depends on the ERROR command Zinc sends: libzmq 4.3.4's PLAIN
    // client only understands its own garbled "^RROR" name (AUTH 400); a well-formed "\x05ERROR" is
    // an UNEXPECTED_COMMAND to it. Either way it fails the handshake and gets nothing through.
    [Fact]
    public void Zinc_plain_server_refuses_a_wrong_password_with_zap_status_400()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Plain(ctx, User, Password), PlainServer).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqPlainClient(password: "wrong")]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        var clientSide = NextHandshakeOutcome(lib);
        Assert.True(clientSide is { Name: "HANDSHAKE_FAILED_AUTH" or "HANDSHAKE_FAILED_PROTOCOL" }, $"libzmq client: {clientSide}");
        Assert.Null(zinc.End.TryRecv(200));
        ZapRequestSeen request = Assert.Single(zinc.Zap!.Requests);
        Assert.Equal([User, "wrong"], request.Credentials.Select(S));
    }

    // libzmq's client reports HANDSHAKE_FAILED_AUTH(400) and does not reconnect (an ERROR ends the
    // session). Zinc's client must read libzmq 4.3.4's PLAIN ERROR, whose name is garbled on the
    // wire ("^RROR": see RawClientValidationTests), to report the same.
    [Fact]
    public void Zinc_plain_client_with_a_wrong_password_reports_400_and_does_not_retry()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "MONITOR=1", "PLAIN_SERVER=1", "ZAP_HANDLER=400", $"ZAP_HANDLER_PLAIN={User}:{Password}");
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            PlainClient(password: "wrong")(s);
            s.SetOption(SocketOption.ReconnectIvl, 50);
        }).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 400);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        AssertNoEvent(lib, "ACCEPTED", 1000);
        Assert.Single(lib.ZapRequests());
        Assert.Null(lib.TryRecv(100));
    }

    [Fact]
    public void Zinc_plain_server_reports_zap_status_500()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "500"), PlainServer).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqPlainClient()]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 500);
        Assert.True(NextHandshakeOutcome(lib) is { Name: "HANDSHAKE_FAILED_AUTH" or "HANDSHAKE_FAILED_PROTOCOL" });
        Assert.Null(zinc.End.TryRecv(200));
    }

    [Fact]
    public void Zinc_plain_client_reports_zap_status_500_from_libzmq()
    {
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "MONITOR=1", "PLAIN_SERVER=1", "ZAP_HANDLER=500");
        using var zinc = new ZincPeer(SocketType.Dealer, configure: PlainClient()).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 500);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 500);
        Assert.Null(lib.TryRecv(200));
    }

    // libzmq 4.3.4 on ZAP status 300 (temporary failure): the server reports
    // HANDSHAKE_FAILED_AUTH(300) but sends no ERROR; the connection waits until the handshake
    // interval expires, then drops, and the client (seeing only HANDSHAKE_FAILED_NO_DETAIL)
    // reconnects, so the handler is asked again.
    [Fact]
    public void Zinc_plain_server_on_zap_status_300_sends_no_error_and_the_client_retries()
    {
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "300"), s =>
        {
            PlainServer(s);
            s.SetOption(SocketOption.HandshakeIvl, 300);
        }).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", "RECONNECT_IVL=50", .. LibzmqPlainClient()]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 300);
        var clientSide = NextHandshakeOutcome(lib);
        Assert.True(clientSide is { Name: "HANDSHAKE_FAILED_NO_DETAIL" }, $"libzmq client: {clientSide} (an ERROR would end its retries)");
        Assert.True(zinc.Zap!.WaitRequests(2), "the client did not come back after the temporary failure");
        Assert.Null(zinc.End.TryRecv(100));
    }

    [Fact]
    public void Zap_metadata_and_user_id_reach_the_zinc_application_as_message_properties()
    {
        byte[] metadata = RawZmtpPeer.Properties(("Hello", B("world")), ("X-Tenant", B("blue")));
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Plain(ctx, User, Password, metadata), PlainServer).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, LibzmqPlainClient());
        lib.Send(B("with metadata"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "Hello", "X-Tenant", "X-Absent");
        Assert.Equal(["with metadata"], frames.Select(S));
        Assert.Equal(User, props["User-Id"]);
        Assert.Equal("world", props["Hello"]);
        Assert.Equal("blue", props["X-Tenant"]);
        Assert.Null(props["X-Absent"]);
    }

    [Fact]
    public void Libzmq_delivers_zap_metadata_the_same_way()
    {
        // The reference for the test above: libzmq's own handler metadata as message properties.
        string meta = "x:" + Convert.ToHexString(RawZmtpPeer.Properties(("Hello", Encoding.ASCII.GetBytes("world"))));
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "PLAIN_SERVER=1", "ZAP_HANDLER=200", "ZAP_HANDLER_META=" + meta);
        using var raw = RawZmtpPeer.Connect(lib.Endpoint);
        RawPlain.Handshake(raw, User, Password, "DEALER");
        raw.SendMessage(B("m"));
        var got = lib.TryRecvWithProperties(WaitMs, "User-Id", "Hello");
        Assert.NotNull(got);
        Assert.Equal(User, got.Value.Properties["User-Id"]);
        Assert.Equal("world", got.Value.Properties["Hello"]);
    }
}
