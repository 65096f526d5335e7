using System.Buffers.Binary;
using System.Text;
using Zinc.Security;
using Zinc.Tests.Interop;

namespace Zinc.Tests.Security;

/// <summary>Command bodies of the PLAIN mechanism (RFC 24), written by hand so tests can also write broken ones.</summary>
internal static class RawPlain
{
    /// <summary>HELLO: username length, username, password length, password.</summary>
    public static byte[] HelloBody(string username, string password)
    {
        byte[] user = Encoding.UTF8.GetBytes(username), pass = Encoding.UTF8.GetBytes(password);
        return [.. Name("HELLO"), (byte)user.Length, .. user, (byte)pass.Length, .. pass];
    }

    /// <summary>INITIATE carrying a Socket-Type property (and Identity when given).</summary>
    public static byte[] InitiateBody(string socketType, byte[]? identity = null) =>
        [.. Name("INITIATE"), .. SocketProperties(socketType, identity)];

    public static byte[] SocketProperties(string socketType, byte[]? identity = null) =>
        identity is null
            ? RawZmtpPeer.Properties(("Socket-Type", Encoding.ASCII.GetBytes(socketType)))
            : RawZmtpPeer.Properties(("Socket-Type", Encoding.ASCII.GetBytes(socketType)), ("Identity", identity));

    /// <summary>A command name as it opens a command body: its length, then its ASCII letters.</summary>
    public static byte[] Name(string name) => [(byte)name.Length, .. Encoding.ASCII.GetBytes(name)];

    /// <summary>A command frame (COMMAND flag, short or long size) around <paramref name="body"/>.</summary>
    public static byte[] AsCommand(byte[] body) => RawZmtpPeer.Frame(body, RawZmtpPeer.CommandFlag);

    /// <summary>
    /// A complete PLAIN client handshake as <paramref name="socketType"/>: greeting, HELLO, WELCOME,
    /// INITIATE, READY. Returns the server's READY metadata; fails the test on ERROR or anything else.
    /// </summary>
    public static Dictionary<string, byte[]> Handshake(RawZmtpPeer raw, string username, string password, string socketType, byte[]? identity = null)
    {
        raw.Write(RawZmtpPeer.Greeting3(mechanism: "PLAIN"));
        raw.ReadGreeting3("PLAIN");
        raw.Write(AsCommand(HelloBody(username, password)));
        ExpectCommand(raw, "WELCOME");
        raw.Write(AsCommand(InitiateBody(socketType, identity)));
        return RawZmtpPeer.ParseProperties(ExpectCommand(raw, "READY"));
    }

    /// <summary>Reads one command and checks its name; an ERROR fails with its reason.</summary>
    public static byte[] ExpectCommand(RawZmtpPeer raw, string name)
    {
        (string got, byte[] data) = raw.ReadCommand();
        if (got == "ERROR") throw new Xunit.Sdk.XunitException($"raw peer: expected {name}, got ERROR '{ErrorReason(data)}'");
        if (got != name) throw new Xunit.Sdk.XunitException($"raw peer: expected {name}, got {got}");
        return data;
    }

    /// <summary>The reason text of an ERROR command's data (a 1-byte length, then the text).</summary>
    public static string ErrorReason(byte[] data) => data.Length == 0 ? "" : Encoding.ASCII.GetString(data, 1, Math.Min(data[0], data.Length - 1));
}

/// <summary>How <see cref="RawCurveClient.InitiateBody"/> should break the INITIATE it writes.</summary>
internal sealed record InitiateFaults
{
    /// <summary>Flip one bit of the cookie the server gave in WELCOME.</summary>
    public bool TamperCookie { get; init; }

    /// <summary>Box the vouch for this public key instead of the server's short-term key S'.</summary>
    public byte[]? VouchBoxedFor { get; init; }

    /// <summary>Vouch for this short-term key instead of the client's own C'.</summary>
    public byte[]? VouchedShortKey { get; init; }
}

/// <summary>
/// The client side of CurveZMQ (RFC 26) over a <see cref="RawZmtpPeer"/>, written from the RFC with
/// libsodium (through Zinc's <see cref="Sodium"/> wrapper), so tests can complete a correct handshake
/// with any CURVE server and then misbehave at any chosen step. Every box uses the "easy" layout
/// (16-byte MAC, then the ciphertext), which is how RFC 26 lays boxes out on the wire.
/// Short nonces count up from 1 (HELLO 1, INITIATE 2, messages from 3), as libzmq's client does.
/// </summary>
internal sealed class RawCurveClient
{
    public const int KeySize = 32;

    private readonly byte[] _shortPublic = new byte[KeySize]; // C'
    private readonly byte[] _shortSecret = new byte[KeySize]; // c'
    private readonly byte[] _helloShared = new byte[KeySize]; // C'/S
    private byte[]? _sessionShared;                            // C'/S'

    public RawCurveClient(byte[] serverPublicKey, CurveKeyPair? clientKeys = null)
    {
        if (serverPublicKey.Length != KeySize) throw new ArgumentException("a server key is 32 bytes");
        ServerKey = serverPublicKey;
        Keys = clientKeys ?? Curve.GenerateKeyPair();
        Sodium.KeyPair(_shortPublic, _shortSecret);
        if (!Sodium.Precompute(ServerKey, _shortSecret, _helloShared)) throw new ArgumentException("degenerate server key");
    }

    /// <summary>The server's long-term public key S.</summary>
    public byte[] ServerKey { get; }

    /// <summary>The client's long-term key pair C/c.</summary>
    public CurveKeyPair Keys { get; }

    public byte[] ShortPublicKey => _shortPublic;

    /// <summary>The server's short-term key S', known after WELCOME.</summary>
    public byte[]? ServerShortKey { get; private set; }

    /// <summary>The 96-byte cookie (16-byte nonce + 80-byte box) from WELCOME.</summary>
    public byte[]? Cookie { get; private set; }

    /// <summary>The next short nonce this client sends.</summary>
    public ulong NextNonce { get; set; } = 1;

    /// <summary>The last short nonce the server sent (READY, then MESSAGEs).</summary>
    public ulong PeerNonce { get; private set; }

    /// <summary>HELLO (200 bytes): name, version 1.0, 72 bytes of anti-amplification padding, C', short nonce, Box[64 zeros](C'->S).</summary>
    public byte[] HelloBody()
    {
        byte[] body = new byte[200];
        RawPlain.Name("HELLO").CopyTo(body, 0);
        body[6] = 1;
        body[7] = 0;
        _shortPublic.CopyTo(body, 80);
        ulong nonce = NextNonce++;
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(112), nonce);
        Sodium.Seal(body.AsSpan(120, 80), new byte[64], Nonce("CurveZMQHELLO---", nonce), _helloShared);
        return body;
    }

    /// <summary>Opens WELCOME's data (16-byte nonce + Box[S' + cookie](S->C')); false when it does not authenticate.</summary>
    public bool ReadWelcome(byte[] data)
    {
        if (data.Length != 16 + 144) return false;
        byte[] nonce = [.. Encoding.ASCII.GetBytes("WELCOME-"), .. data.AsSpan(0, 16)];
        byte[] plain = new byte[128];
        if (!Sodium.Open(plain, data.AsSpan(16), nonce, _helloShared)) return false;
        ServerShortKey = plain[..32];
        Cookie = plain[32..];
        _sessionShared = new byte[KeySize];
        if (!Sodium.Precompute(ServerShortKey, _shortSecret, _sessionShared)) return false;
        return true;
    }

    /// <summary>
    /// INITIATE: name, cookie, short nonce, Box[C + vouch nonce + Box[C' + S](C->S') + metadata](C'->S'),
    /// broken as <paramref name="faults"/> asks.
    /// </summary>
    public byte[] InitiateBody(byte[] metadata, InitiateFaults? faults = null)
    {
        if (Cookie is null || ServerShortKey is null || _sessionShared is null) throw new InvalidOperationException("INITIATE needs WELCOME first");
        faults ??= new InitiateFaults();

        byte[] vouchNonce = new byte[16];
        Sodium.RandomBytes(vouchNonce);
        byte[] vouchPlain = [.. faults.VouchedShortKey ?? _shortPublic, .. ServerKey];
        byte[] vouchShared = new byte[KeySize];
        Sodium.Precompute(faults.VouchBoxedFor ?? ServerShortKey, Keys.SecretKey, vouchShared);
        byte[] vouchBox = new byte[80];
        Sodium.Seal(vouchBox, vouchPlain, [.. Encoding.ASCII.GetBytes("VOUCH---"), .. vouchNonce], vouchShared);

        byte[] plain = [.. Keys.PublicKey, .. vouchNonce, .. vouchBox, .. metadata];
        byte[] box = new byte[plain.Length + Sodium.MacSize];
        ulong nonce = NextNonce++;
        Sodium.Seal(box, plain, Nonce("CurveZMQINITIATE", nonce), _sessionShared);

        byte[] cookie = (byte[])Cookie.Clone();
        if (faults.TamperCookie) cookie[40] ^= 0x01;
        byte[] shortNonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(shortNonce, nonce);
        return [.. RawPlain.Name("INITIATE"), .. cookie, .. shortNonce, .. box];
    }

    /// <summary>Opens READY's data (short nonce + Box[metadata](S'->C')) into its properties; null when it does not authenticate.</summary>
    public Dictionary<string, byte[]>? ReadReady(byte[] data)
    {
        if (_sessionShared is null || data.Length < 8 + Sodium.MacSize) return null;
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(data);
        byte[] plain = new byte[data.Length - 8 - Sodium.MacSize];
        if (!Sodium.Open(plain, data.AsSpan(8), Nonce("CurveZMQREADY---", nonce), _sessionShared)) return null;
        PeerNonce = nonce;
        return RawZmtpPeer.ParseProperties(plain);
    }

    /// <summary>
    /// One ZMTP frame carrying a MESSAGE command body: name, short nonce, Box[flags + payload](C'->S').
    /// The frame itself has no flags (libzmq sends MESSAGEs as plain data frames; MORE travels inside the box).
    /// </summary>
    public byte[] MessageFrame(ReadOnlySpan<byte> payload, bool more = false, ulong? nonce = null) =>
        RawZmtpPeer.Frame(MessageBody(payload, more, nonce));

    public byte[] MessageBody(ReadOnlySpan<byte> payload, bool more = false, ulong? nonce = null)
    {
        if (_sessionShared is null) throw new InvalidOperationException("MESSAGE needs a handshake first");
        ulong n = nonce ?? NextNonce++;
        byte[] plain = new byte[1 + payload.Length];
        plain[0] = more ? (byte)1 : (byte)0;
        payload.CopyTo(plain.AsSpan(1));
        byte[] body = new byte[16 + plain.Length + Sodium.MacSize];
        RawPlain.Name("MESSAGE").CopyTo(body, 0);
        BinaryPrimitives.WriteUInt64BigEndian(body.AsSpan(8), n);
        Sodium.Seal(body.AsSpan(16), plain, Nonce("CurveZMQMESSAGEC", n), _sessionShared);
        return body;
    }

    /// <summary>All frames of one message, each its own MESSAGE.</summary>
    public byte[] Message(params byte[][] frames) =>
        frames.SelectMany((f, i) => MessageFrame(f, more: i < frames.Length - 1)).ToArray();

    /// <summary>Opens a MESSAGE body from the server; fails the test when it is not one or does not authenticate.</summary>
    public (bool More, byte[] Payload) OpenMessage(byte[] body)
    {
        if (_sessionShared is null) throw new InvalidOperationException("MESSAGE needs a handshake first");
        if (body.Length < 16 + Sodium.MacSize + 1 || !body.AsSpan(0, 8).SequenceEqual(RawPlain.Name("MESSAGE")))
            throw new Xunit.Sdk.XunitException($"raw CURVE client: not a MESSAGE ({body.Length} bytes)");
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(body.AsSpan(8));
        if (nonce <= PeerNonce) throw new Xunit.Sdk.XunitException($"raw CURVE client: server nonce {nonce} after {PeerNonce}");
        byte[] plain = new byte[body.Length - 16 - Sodium.MacSize];
        if (!Sodium.Open(plain, body.AsSpan(16), Nonce("CurveZMQMESSAGES", nonce), _sessionShared))
            throw new Xunit.Sdk.XunitException("raw CURVE client: server MESSAGE does not authenticate");
        PeerNonce = nonce;
        return ((plain[0] & 1) != 0, plain[1..]);
    }

    /// <summary>Reads and decrypts one whole message (all its MESSAGE frames).</summary>
    public byte[][] ReadMessage(RawZmtpPeer raw)
    {
        var frames = new List<byte[]>();
        while (true)
        {
            (byte flags, byte[] body) = raw.ReadFrame();
            if ((flags & RawZmtpPeer.CommandFlag) != 0 && !body.AsSpan().StartsWith(RawPlain.Name("MESSAGE")))
                throw new Xunit.Sdk.XunitException($"raw CURVE client: unexpected command frame ({body.Length} bytes)");
            (bool more, byte[] payload) = OpenMessage(body);
            frames.Add(payload);
            if (!more) return frames.ToArray();
        }
    }

    /// <summary>
    /// A complete CURVE client handshake as <paramref name="socketType"/> (greeting, HELLO, WELCOME,
    /// INITIATE, READY); returns the server's READY metadata. An ERROR fails the test with its reason.
    /// </summary>
    public Dictionary<string, byte[]> Handshake(RawZmtpPeer raw, string socketType, byte[]? identity = null)
    {
        raw.Write(RawZmtpPeer.Greeting3(mechanism: "CURVE"));
        raw.ReadGreeting3("CURVE");
        raw.Write(RawPlain.AsCommand(HelloBody()));
        if (!ReadWelcome(RawPlain.ExpectCommand(raw, "WELCOME"))) throw new Xunit.Sdk.XunitException("raw CURVE client: WELCOME does not open");
        raw.Write(RawPlain.AsCommand(InitiateBody(RawPlain.SocketProperties(socketType, identity))));
        return ReadReady(RawPlain.ExpectCommand(raw, "READY")) ?? throw new Xunit.Sdk.XunitException("raw CURVE client: READY does not open");
    }

    /// <summary>Sends HELLO and opens WELCOME: the state right before INITIATE.</summary>
    public void HelloWelcome(RawZmtpPeer raw)
    {
        raw.Write(RawZmtpPeer.Greeting3(mechanism: "CURVE"));
        raw.ReadGreeting3("CURVE");
        raw.Write(RawPlain.AsCommand(HelloBody()));
        if (!ReadWelcome(RawPlain.ExpectCommand(raw, "WELCOME"))) throw new Xunit.Sdk.XunitException("raw CURVE client: WELCOME does not open");
    }

    private static byte[] Nonce(string prefix16, ulong shortNonce)
    {
        byte[] nonce = new byte[24];
        Encoding.ASCII.GetBytes(prefix16).CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(16), shortNonce);
        return nonce;
    }
}
