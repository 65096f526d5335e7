using System.Text;
using Zinc.Tests.Transports;

namespace Zinc.Tests.Security;

/// <summary>PLAIN, CURVE and ZAP between two Zinc sockets, on both IO backends.</summary>
public class SecurityHandshakeTests
{
    private const int EFAULT = 14;

    public static TheoryData<IoBackend> Backends => StreamTestSupport.Backends;

    private sealed record Link(Socket Server, Socket Client, MonitorReader ServerEvents, MonitorReader ClientEvents) : IDisposable
    {
        public void Dispose()
        {
            ServerEvents.Dispose();
            ClientEvents.Dispose();
            Client.Dispose();
            Server.Dispose();
        }
    }

    // Monitors are attached before bind and connect, so no event of the handshake is missed.
    private static Link Pair(Context ctx, Action<Socket> server, Action<Socket> client, string transport = "tcp")
    {
        Socket pull = ctx.CreateStream(SocketType.Pull);
        Socket push = ctx.CreateStream(SocketType.Push);
        server(pull);
        client(push);
        var link = new Link(pull, push, new MonitorReader(ctx, pull), new MonitorReader(ctx, push));
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);
        return link;
    }

    private static void Plain(Socket s, string user, string password)
    {
        s.SetOption(SocketOption.PlainUsername, user);
        s.SetOption(SocketOption.PlainPassword, password);
    }

    private static void CurveServer(Socket s, CurveKeyPair keys)
    {
        s.SetOption(SocketOption.CurveServer, true);
        s.SetOption(SocketOption.CurveSecretKey, keys.SecretKey);
    }

    private static void CurveClient(Socket s, CurveKeyPair mine, byte[] serverKey)
    {
        s.SetOption(SocketOption.CurveServerKey, serverKey);
        s.SetOption(SocketOption.CurvePublicKey, mine.PublicKeyZ85);
        s.SetOption(SocketOption.CurveSecretKey, mine.SecretKeyZ85);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Plain_with_zap_handler_delivers_user_id_and_metadata(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        using var zap = new TestZapHandler(ctx, r =>
            Encoding.UTF8.GetString(r[6]) == "alice" && Encoding.UTF8.GetString(r[7]) == "secret"
                ? ("200", "alice-id", TestZapHandler.Property("Hello", "World"))
                : ("400", "", Array.Empty<byte>()));
        using Link link = Pair(ctx, s => s.SetOption(SocketOption.PlainServer, true), c => Plain(c, "alice", "secret"));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            client.SendString("hi");
            Msg msg = default;
            server.Receive(ref msg);
            Assert.Equal("hi", Encoding.UTF8.GetString(msg.Data));
            Assert.Equal("alice-id", msg.GetProperty("User-Id"));
            Assert.Equal("World", msg.GetProperty("Hello"));
            Assert.Equal("PUSH", msg.GetProperty("Socket-Type"));
            Assert.Equal("127.0.0.1", msg.GetProperty("Peer-Address"));
            msg.Close();
            Assert.True(zap.Requests.TryPeek(out var request));
            Assert.Equal(new[] { "1.0", "1", "", "127.0.0.1", "", "PLAIN", "alice", "secret" },
                request.Select(f => Encoding.UTF8.GetString(f)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Plain_wrong_password_fails_auth_on_both_sides(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        using var zap = new TestZapHandler(ctx, _ => ("400", "", Array.Empty<byte>()));
        using Link link = Pair(ctx, s => s.SetOption(SocketOption.PlainServer, true), c => Plain(c, "alice", "wrong"));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(400, serverEvents.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
            Assert.Equal(400, clientEvents.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
            client.SetOption(SocketOption.SndTimeo, 0);
            client.TrySend("x"u8);
            server.SetOption(SocketOption.RcvTimeo, 100);
            Assert.Null(server.TryRecvString());
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Plain_without_zap_handler_fails_as_libzmq(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        using Link link = Pair(ctx, s => s.SetOption(SocketOption.PlainServer, true), c => Plain(c, "a", "b"));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(EFAULT, serverEvents.WaitFor(SocketEvents.HandshakeFailedNoDetail).Value);
        }
    }

    [Theory]
    [InlineData(IoBackend.Epoll, "tcp")]
    [InlineData(IoBackend.IoUring, "tcp")]
    [InlineData(IoBackend.Epoll, "ipc")]
    [InlineData(IoBackend.IoUring, "ipc")]
    public void Curve_without_handler_carries_every_shape_of_message(IoBackend backend, string transport)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using Link link = Pair(ctx, s => CurveServer(s, serverKeys), c => CurveClient(c, clientKeys, serverKeys.PublicKey), transport);
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(SocketOptions.MechanismCurve, server.GetOptionInt32(SocketOption.Mechanism));
            client.SendString("hello");
            Assert.Equal("hello", server.RecvString());
            client.SendFrames("a", "", "c");
            Assert.Equal(new[] { "a", "", "c" }, server.RecvFrames());
            foreach (int size in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 8191, 8192, 70000, 1 << 20 })
            {
                var data = new byte[size];
                new Random(size).NextBytes(data);
                client.Send(data);
                Assert.Equal(data, server.ReceiveBytes());
            }
            Task sender = TestSupport.RunBounded(() =>
            {
                for (int i = 0; i < 20000; i++) client.SendString(i.ToString());
            });
            for (int i = 0; i < 20000; i++) Assert.Equal(i.ToString(), server.RecvString());
            sender.WaitBounded("sending");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Curve_both_ways_with_handler_names_the_client_key(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using var zap = new TestZapHandler(ctx, r =>
            r[6].AsSpan().SequenceEqual(clientKeys.PublicKey) ? ("200", Z85.Encode(r[6]), Array.Empty<byte>()) : ("400", "", Array.Empty<byte>()));
        using Socket server = ctx.CreateStream(SocketType.Pair);
        using Socket client = ctx.CreateStream(SocketType.Pair);
        CurveServer(server, serverKeys);
        CurveClient(client, clientKeys, serverKeys.PublicKey);
        server.Bind("tcp://127.0.0.1:*");
        client.Connect(server.LastEndpoint);
        client.SendString("ping");
        Msg msg = default;
        server.Receive(ref msg);
        Assert.Equal(clientKeys.PublicKeyZ85, msg.GetProperty("User-Id"));
        msg.Close();
        server.SendString("pong");
        Assert.Equal("pong", client.RecvString());
        Assert.Equal("CURVE", Encoding.ASCII.GetString(zap.Requests.Single()[5]));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Curve_unknown_client_key_is_refused_by_the_handler(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using var zap = new TestZapHandler(ctx, _ => ("400", "", Array.Empty<byte>()));
        using Link link = Pair(ctx, s => CurveServer(s, serverKeys), c => CurveClient(c, clientKeys, serverKeys.PublicKey));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(400, serverEvents.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
            Assert.Equal(400, clientEvents.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Curve_wrong_server_key_fails_cryptographic(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using Link link = Pair(ctx, s => CurveServer(s, serverKeys), c => CurveClient(c, clientKeys, Curve.GenerateKeyPair().PublicKey));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(0x11000001, serverEvents.WaitFor(SocketEvents.HandshakeFailedProtocol).Value);
            server.SetOption(SocketOption.RcvTimeo, 100);
            client.SetOption(SocketOption.SndTimeo, 0);
            client.TrySend("x"u8);
            Assert.Null(server.TryRecvString());
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Null_with_zap_domain_asks_the_handler(IoBackend backend)
    {
        using var ctx = StreamTestSupport.NewContext(backend);
        using var zap = new TestZapHandler(ctx, _ => ("400", "", Array.Empty<byte>()));
        using Link link = Pair(ctx, s => s.SetOption(SocketOption.ZapDomain, "global"), _ => { });
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(400, serverEvents.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
            Assert.True(zap.Requests.TryPeek(out var request));
            Assert.Equal("global", Encoding.UTF8.GetString(request[2]));
            Assert.Equal("NULL", Encoding.UTF8.GetString(request[5]));
            Assert.Equal(6, request.Count);
        }
    }

    [Fact]
    public void Mechanism_mismatch_is_a_protocol_failure()
    {
        using var ctx = new Context();
        using Link link = Pair(ctx, _ => { }, c => Plain(c, "a", "b"));
        var (server, client, serverEvents, clientEvents) = (link.Server, link.Client, link.ServerEvents, link.ClientEvents);
        {
            Assert.Equal(0x11000002, serverEvents.WaitFor(SocketEvents.HandshakeFailedProtocol).Value);
        }
    }

    [Fact]
    public void Gssapi_options_are_not_supported()
    {
        using var ctx = new Context();
        using Socket s = ctx.Create(SocketType.Dealer);
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => s.SetOption(SocketOption.GssapiServer, true)));
        Assert.Equal(ZmqError.ENOTSUP, TestSupport.ErrorOf(() => s.SetOption(SocketOption.GssapiPrincipal, "p")));
    }
}

/// <summary>The ready-made <see cref="ZapAuthenticator"/> deciding real handshakes.</summary>
public class AuthenticatorHandshakeTests
{
    [Theory]
    [InlineData("alice", "secret", true)]
    [InlineData("alice", "wrong", false)]
    [InlineData("mallory", "secret", false)]
    public void Plain_password_table(string user, string password, bool accepted)
    {
        using var ctx = new Context();
        using var auth = new ZapAuthenticator(ctx);
        auth.ConfigurePlain("*", new Dictionary<string, string> { ["alice"] = "secret" });
        auth.Start();
        using Socket server = ctx.CreateStream(SocketType.Pull);
        using Socket client = ctx.CreateStream(SocketType.Push);
        server.SetOption(SocketOption.PlainServer, true);
        client.SetOption(SocketOption.PlainUsername, user);
        client.SetOption(SocketOption.PlainPassword, password);
        using var events = new MonitorReader(ctx, server);
        server.Bind("tcp://127.0.0.1:*");
        client.Connect(server.LastEndpoint);
        if (accepted)
        {
            client.SendString("in");
            Msg msg = default;
            server.Receive(ref msg);
            Assert.Equal("alice", msg.GetProperty("User-Id"));
            msg.Close();
        }
        else
        {
            Assert.Equal(400, events.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
        }
    }

    [Fact]
    public void Curve_allowed_keys_and_denied_address()
    {
        using var ctx = new Context();
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), known = Curve.GenerateKeyPair(), stranger = Curve.GenerateKeyPair();
        using var auth = new ZapAuthenticator(ctx);
        auth.ConfigureCurve("*", known.PublicKeyZ85);
        auth.Start();
        using Socket server = ctx.CreateStream(SocketType.Pull);
        server.SetOption(SocketOption.CurveServer, true);
        server.SetOption(SocketOption.CurveSecretKey, serverKeys.SecretKey);
        using var events = new MonitorReader(ctx, server);
        server.Bind("tcp://127.0.0.1:*");

        using Socket good = ctx.CreateStream(SocketType.Push);
        good.SetOption(SocketOption.CurveServerKey, serverKeys.PublicKey);
        good.SetOption(SocketOption.CurvePublicKey, known.PublicKey);
        good.SetOption(SocketOption.CurveSecretKey, known.SecretKey);
        good.Connect(server.LastEndpoint);
        good.SendString("known");
        Msg msg = default;
        server.Receive(ref msg);
        Assert.Equal(known.PublicKeyZ85, msg.GetProperty("User-Id"));
        msg.Close();

        using Socket bad = ctx.CreateStream(SocketType.Push);
        bad.SetOption(SocketOption.CurveServerKey, serverKeys.PublicKey);
        bad.SetOption(SocketOption.CurvePublicKey, stranger.PublicKey);
        bad.SetOption(SocketOption.CurveSecretKey, stranger.SecretKey);
        bad.Connect(server.LastEndpoint);
        Assert.Equal(400, events.WaitFor(SocketEvents.HandshakeFailedAuth).Value);
    }
}
