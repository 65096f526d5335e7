using Zinc.Tests.Security;
using static Zinc.Tests.Interop.Interop;
using static Zinc.Tests.Interop.SecurityInterop;

namespace Zinc.Tests.Interop;

/// <summary>
/// CURVE (RFC 26) between Zinc and libzmq 4.3.4, both ways, with and without a ZAP handler. What
/// libzmq does in each case is in docs/security-libzmq-behaviour.md.
/// </summary>
public sealed class SecurityCurveInteropTests
{
    public static TheoryData<string, bool> Links() => new() { { "tcp", true }, { "tcp", false }, { "ipc", true }, { "ipc", false } };

    private static readonly int[] Sizes = [0, 1, 100, 70_000];

    /// <summary>Messages of every size and a multipart one, each way.</summary>
    private static void Exchange(ZincPeer zinc, LibzmqPeer lib)
    {
        foreach (int size in Sizes)
        {
            byte[] toLib = RawClientValidationTests.Payload(size, seed: size);
            zinc.End.Send(toLib);
            Assert.Equal(toLib, Assert.Single(Recv(lib)));
            byte[] toZinc = RawClientValidationTests.Payload(size, seed: size + 1);
            lib.Send(toZinc);
            Assert.Equal(toZinc, Assert.Single(Recv(zinc.End)));
        }
        zinc.End.Send(B("one"), [], new byte[300]);
        byte[][] got = Recv(lib);
        Assert.Equal(3, got.Length);
        Assert.Equal(("one", 0, 300), (S(got[0]), got[1].Length, got[2].Length));
        lib.Send([], B("two"), B("three"));
        Assert.Equal(["", "two", "three"], Recv(zinc.End).Select(S));
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void Zinc_curve_server_talks_to_a_libzmq_client(string transport, bool withHandler)
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, withHandler ? ctx => ZapHandler.CurveKeys(ctx, client.PublicKey) : null, CurveServer(server))
            .Bind(BindEndpoint(transport));
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqCurveClient(server.PublicKey, client)]);

        lib.Send(B("hello"));
        var (frames, props) = SecuritySupport.ReceiveWithProperties(zinc.Socket, "User-Id", "Socket-Type");
        Assert.Equal(["hello"], frames.Select(S));
        Assert.Equal(withHandler ? client.PublicKeyZ85 : null, props["User-Id"]);
        Assert.Equal("DEALER", props["Socket-Type"]);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);
        SecuritySupport.ExpectSucceeded(lib);
        Assert.Equal(2, zinc.Socket.GetOptionInt32(SocketOption.Mechanism));

        Exchange(zinc, lib);

        if (withHandler)
        {
            ZapRequestSeen request = Assert.Single(zinc.Zap!.Requests);
            Assert.Equal("1.0", request.Version);
            Assert.Equal("CURVE", request.Mechanism);
            Assert.Equal(client.PublicKey, Assert.Single(request.Credentials)); // the raw 32-byte key, not Z85
            if (transport == "tcp") Assert.Equal("127.0.0.1", request.Address);
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void Zinc_curve_client_talks_to_a_libzmq_server(string transport, bool withHandler)
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        string[] handler = withHandler ? ["ZAP_HANDLER=400", "ZAP_HANDLER_CURVE=" + client.PublicKeyZ85] : [];
        using var lib = LibzmqPeer.Bind("DEALER", BindEndpoint(transport), ["MONITOR=1", .. LibzmqCurveServer(server), .. handler]);
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveClient(server.PublicKey, client)).Connect(lib.Endpoint);

        zinc.End.Send(B("hello"));
        var got = lib.TryRecvWithProperties(WaitMs, "User-Id", "Socket-Type");
        Assert.NotNull(got);
        Assert.Equal(["hello"], got.Value.Frames.Select(S));
        Assert.Equal(withHandler ? client.PublicKeyZ85 : null, got.Value.Properties["User-Id"]);
        Assert.Equal("DEALER", got.Value.Properties["Socket-Type"]);
        SecuritySupport.ExpectSucceeded(lib);
        SecuritySupport.ExpectSucceeded(zinc.Monitor);
        Assert.Equal(2, zinc.Socket.GetOptionInt32(SocketOption.Mechanism));

        Exchange(zinc, lib);
    }

    [Fact]
    public void Zinc_curve_keys_given_as_z85_text_work_with_libzmq()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "CURVE_SERVER=1", "CURVE_SECRETKEY=s:" + server.SecretKeyZ85);
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            s.SetOption(SocketOption.CurveServerKey, server.PublicKeyZ85);
            s.SetOption(SocketOption.CurvePublicKey, client.PublicKeyZ85);
            s.SetOption(SocketOption.CurveSecretKey, client.SecretKeyZ85);
        }).Connect(lib.Endpoint);
        zinc.End.Send(B("z85"));
        Expect(lib, "z85");
        lib.Send(B("back"));
        Expect(zinc.End, "back");
    }

    // 10000 messages each way: every one carries a fresh nonce, and both ends check they only grow.
    [Fact]
    public void Ten_thousand_messages_cross_each_way_zinc_server()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveServer(server)).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, LibzmqCurveClient(server.PublicKey, client));
        ManyMessages(zinc, lib);
    }

    [Fact]
    public void Ten_thousand_messages_cross_each_way_zinc_client()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", LibzmqCurveServer(server));
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveClient(server.PublicKey, client)).Connect(lib.Endpoint);
        ManyMessages(zinc, lib);
    }

    private static void ManyMessages(ZincPeer zinc, LibzmqPeer lib)
    {
        const int Count = 10_000, Size = 40;
        zinc.End.Send(B("hi"));
        Expect(lib, "hi"); // the link is up

        // Each side's receiver runs while the other sends, so neither blocks on its high-water mark.
        Task sending = TestSupport.RunBounded(() => SendSequence(zinc.Socket, Count, Size));
        lib.RecvSequence(Count);
        sending.WaitBounded("Zinc sending");

        Task receiving = TestSupport.RunBounded(() => RecvSequence(zinc.Socket, Count, Size));
        lib.SendSequence(Count, Size);
        receiving.WaitBounded("Zinc receiving");
    }

    // libzmq 4.3.4: the server cannot open HELLO and reports HANDSHAKE_FAILED_PROTOCOL(CRYPTOGRAPHIC);
    // the client only sees the connection drop (HANDSHAKE_FAILED_NO_DETAIL, errno EPIPE) and retries.
    [Fact]
    public void Zinc_curve_client_with_a_wrong_server_key_gets_nothing_through()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", ["MONITOR=1", .. LibzmqCurveServer(server)]);
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveClient(Curve.GenerateKeyPair().PublicKey, client)).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_PROTOCOL", ProtocolError.Cryptographic);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedNoDetail);
        Assert.Null(lib.TryRecv(200));
    }

    [Fact]
    public void Libzmq_curve_client_with_a_wrong_server_key_is_refused_by_zinc()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, configure: CurveServer(server)).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqCurveClient(Curve.GenerateKeyPair().PublicKey, client)]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedProtocol, ProtocolError.Cryptographic);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_NO_DETAIL");
        Assert.Null(zinc.End.TryRecv(200));
    }

    [Fact]
    public void Zinc_curve_server_refuses_a_client_key_its_handler_does_not_know()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.CurveKeys(ctx, Curve.GenerateKeyPair().PublicKey), CurveServer(server))
            .Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqCurveClient(server.PublicKey, client)]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 400); // CURVE's ERROR is well-formed in libzmq: it reads it
        Assert.Null(zinc.End.TryRecv(200));
        Assert.Equal(client.PublicKey, Assert.Single(Assert.Single(zinc.Zap!.Requests).Credentials));
    }

    [Fact]
    public void Zinc_curve_client_refused_by_a_libzmq_handler_reports_400()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*",
            ["MONITOR=1", .. LibzmqCurveServer(server), "ZAP_HANDLER=200", "ZAP_HANDLER_CURVE=" + Curve.GenerateKeyPair().PublicKeyZ85]);
        using var zinc = new ZincPeer(SocketType.Dealer, configure: s =>
        {
            CurveClient(server.PublicKey, client)(s);
            s.SetOption(SocketOption.ReconnectIvl, 50);
        }).Connect(lib.Endpoint);
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 400);
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 400);
        AssertNoEvent(lib, "ACCEPTED", 1000); // an ERROR ends the session: no reconnection
        Assert.Null(lib.TryRecv(100));
    }

    [Fact]
    public void Zinc_curve_server_reports_zap_status_500()
    {
        CurveKeyPair server = Curve.GenerateKeyPair(), client = Curve.GenerateKeyPair();
        using var zinc = new ZincPeer(SocketType.Dealer, ctx => ZapHandler.Always(ctx, "500"), CurveServer(server)).Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.Endpoint, ["MONITOR=1", .. LibzmqCurveClient(server.PublicKey, client)]);
        lib.TrySend(B("must not arrive"));
        SecuritySupport.ExpectFailure(zinc.Monitor, SocketEvents.HandshakeFailedAuth, 500);
        SecuritySupport.ExpectFailure(lib, "HANDSHAKE_FAILED_AUTH", 500);
        Assert.Null(zinc.End.TryRecv(200));
    }
}
