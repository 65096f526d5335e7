using Zinc.Security;
using Zinc.Tests.Interop;
using static Zinc.Tests.Security.SecuritySupport;

namespace Zinc.Tests.Security;

/// <summary>
/// A raw client (<see cref="RawCurveClient"/>, validated against libzmq) breaks the CURVE handshake
/// (RFC 26) of a server, or its MESSAGE boxes after a correct one. Each case runs against Zinc and,
/// as the reference its expectations were taken from, against libzmq 4.3.4: the server reports the
/// same HandshakeFailedProtocol code (libzmq reports MESSAGE failures with that event too, after
/// HANDSHAKE_SUCCEEDED), drops the connection, delivers nothing, and still serves a good client.
/// </summary>
public sealed class HostileCurveTests
{
    public static TheoryData<string> Targets() => HostileServer.Targets();

    private static byte[] Command(byte[] body) => RawPlain.AsCommand(body);

    /// <summary>
    /// After the raw client wrote its attack: a follow-up message (cleartext before the handshake;
    /// after it, <paramref name="followUp"/>, a correctly boxed MESSAGE) that must not arrive
    /// either, then the expected event, the connection closed, nothing delivered, ZAP asked as
    /// said, and a good client served.
    /// </summary>
    private static void Verify(HostileServer server, RawZmtpPeer raw, int code, int zapRequests, byte[]? followUp = null)
    {
        bool afterHandshake = followUp is not null;
        // libzmq 4.3.4 quirk: after a bad MESSAGE (once the handshake is done) it reports the
        // failure but does not reliably drop the connection (it stayed open in about a third of the
        // runs, more often when more data came in the same read). So the reference runs neither
        // send the follow-up nor wait for the close there; Zinc must do both.
        if (server.IsZinc || !afterHandshake) TryWrite(raw, followUp ?? RawZmtpPeer.Message(B("must not arrive")));
        server.ExpectFailure(SocketEvents.HandshakeFailedProtocol, code);
        if (server.IsZinc || !afterHandshake) Assert.True(raw.WaitClosed(), "the server kept the hostile connection open");
        raw.Dispose();
        server.AssertNothingDelivered();
        Assert.Equal(zapRequests, server.ZapRequestCount);
        // A connection libzmq kept (above) stays attached even after the client closes it (the
        // engine no longer reads it), so its DEALER would round-robin the reply into it: the
        // reference runs check only that the good client's message gets in.
        server.AssertStillServes(replyToo: server.IsZinc || !afterHandshake);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hello_of_199_bytes_is_malformed(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = server.ConnectRaw();
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        raw.Write(Command(client.HelloBody()[..199]));
        Verify(server, raw, ProtocolError.MalformedCommandHello, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hello_with_version_2_0_is_malformed(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = server.ConnectRaw();
        byte[] hello = new RawCurveClient(server.ServerKeys.PublicKey).HelloBody();
        hello[6] = 2;
        raw.Write(Command(hello));
        Verify(server, raw, ProtocolError.MalformedCommandHello, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hello_whose_box_does_not_open_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = server.ConnectRaw();
        byte[] hello = new RawCurveClient(server.ServerKeys.PublicKey).HelloBody();
        Sodium.RandomBytes(hello.AsSpan(120, 80));
        raw.Write(Command(hello));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hello_boxed_for_another_server_key_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = server.ConnectRaw();
        raw.Write(Command(new RawCurveClient(Curve.GenerateKeyPair().PublicKey).HelloBody()));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Hello_again_instead_of_initiate_is_an_unexpected_command(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        raw.Write(Command(client.HelloBody()));
        Verify(server, raw, ProtocolError.UnexpectedCommand, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Message_before_initiate_is_an_unexpected_command(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        raw.Write(RawZmtpPeer.Frame([.. RawPlain.Name("MESSAGE"), .. new byte[8 + 17]], RawZmtpPeer.CommandFlag));
        Verify(server, raw, ProtocolError.UnexpectedCommand, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Initiate_with_a_tampered_cookie_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        raw.Write(Command(client.InitiateBody(RawPlain.SocketProperties("DEALER"), new InitiateFaults { TamperCookie = true })));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Initiate_with_a_vouch_boxed_for_another_key_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        // Boxed for the server's long-term key S instead of its short-term key S'.
        raw.Write(Command(client.InitiateBody(RawPlain.SocketProperties("DEALER"), new InitiateFaults { VouchBoxedFor = server.ServerKeys.PublicKey })));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Initiate_vouching_for_another_short_term_key_is_a_key_exchange_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        raw.Write(Command(client.InitiateBody(RawPlain.SocketProperties("DEALER"), new InitiateFaults { VouchedShortKey = Curve.GenerateKeyPair().PublicKey })));
        Verify(server, raw, ProtocolError.KeyExchange, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Initiate_shorter_than_its_minimum_is_malformed(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        // Without metadata an INITIATE is 257 bytes; one short.
        raw.Write(Command(client.InitiateBody([])[..256]));
        Verify(server, raw, ProtocolError.MalformedCommandInitiate, zapRequests: 0);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Initiate_with_its_box_cut_short_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        using RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.HelloWelcome(raw);
        byte[] initiate = client.InitiateBody(RawPlain.SocketProperties("DEALER"));
        raw.Write(Command(initiate[..^10]));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 0);
    }

    // ---- after a correct handshake ----

    /// <summary>A raw client through a correct handshake, and a first message that the server delivers.</summary>
    private static (RawZmtpPeer Raw, RawCurveClient Client) Established(HostileServer server)
    {
        RawZmtpPeer raw = RawZmtpPeer.Connect(server.Endpoint);
        var client = new RawCurveClient(server.ServerKeys.PublicKey);
        client.Handshake(raw, "DEALER");
        server.ExpectSucceeded();
        raw.Write(client.Message(B("first")));
        Assert.Equal(["first"], (server.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException("the first, correct message did not arrive")).Select(S));
        return (raw, client);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Message_with_a_replayed_nonce_is_an_invalid_sequence(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        ulong used = client.NextNonce - 1;
        raw.Write(client.MessageFrame(B("replayed"), nonce: used));
        Verify(server, raw, ProtocolError.InvalidSequence, zapRequests: 1, client.MessageFrame(B("must not arrive")));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Message_with_a_decreasing_nonce_is_an_invalid_sequence(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        raw.Write(client.MessageFrame(B("skips ahead"), nonce: 10));
        Assert.Equal(["skips ahead"], (server.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException("a message with a higher nonce did not arrive")).Select(S));
        raw.Write(client.MessageFrame(B("goes back"), nonce: 9));
        Verify(server, raw, ProtocolError.InvalidSequence, zapRequests: 1, client.MessageFrame(B("must not arrive"), nonce: 11));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Message_with_a_flipped_ciphertext_bit_is_a_cryptographic_error(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        byte[] body = client.MessageBody(B("tampered"));
        body[^3] ^= 0x10;
        raw.Write(RawZmtpPeer.Frame(body));
        Verify(server, raw, ProtocolError.Cryptographic, zapRequests: 1, client.MessageFrame(B("must not arrive")));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Message_too_short_to_hold_a_box_is_malformed(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        byte[] body = client.MessageBody([]);
        raw.Write(RawZmtpPeer.Frame(body[..^1])); // 16 + 16: one byte short of the flags byte
        Verify(server, raw, ProtocolError.MalformedCommandMessage, zapRequests: 1, client.MessageFrame(B("must not arrive")));
    }

    // After the handshake every frame must be a MESSAGE command. libzmq first checks the command
    // structure (name length within the frame), then the name: "cleartext" starts with 'c' (99),
    // longer than the frame, so it is malformed; a well-structured "\x04PING..." is unexpected.
    [Theory]
    [MemberData(nameof(Targets))]
    public void Cleartext_frame_after_the_handshake_is_a_malformed_command(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        raw.SendMessage(B("cleartext"));
        Verify(server, raw, ProtocolError.MalformedCommandUnspecified, zapRequests: 1, client.MessageFrame(B("must not arrive")));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Cleartext_ping_after_the_handshake_is_an_unexpected_command(string target)
    {
        using var server = HostileServer.CurveServer(target);
        (RawZmtpPeer raw, RawCurveClient client) = Established(server);
        using var connection = raw;
        raw.Write(RawZmtpPeer.Command("PING", [0, 0]));
        Verify(server, raw, ProtocolError.UnexpectedCommand, zapRequests: 1, client.MessageFrame(B("must not arrive")));
    }
}
