using System.Buffers.Binary;
using Zinc.Protocol;

namespace Zinc.Security;

/// <summary>
/// CURVE client (rfc 26): HELLO with a fresh short-term key C', WELCOME with the server's S' and
/// cookie, INITIATE carrying our long-term key C vouched for C', READY; then messages under
/// the key precomputed from S' and c'.
/// </summary>
internal sealed class CurveClient : Mechanism
{
    private enum State : byte { WaitingWelcome, WaitingReady, Done }

    private readonly byte[] _publicKey;      // C
    private readonly byte[] _secretKey;      // c
    private readonly byte[] _serverKey;      // S
    private readonly byte[] _shortPublic = new byte[CurveKeys.KeySize];   // C'
    private readonly byte[] _shortSecret = new byte[CurveKeys.KeySize];   // c'
    private byte[]? _sessionKey;              // precomputed (S', c')
    private ulong _nonce;
    private ulong _peerNonce;
    private State _state;
    private CurveCodec? _codec;

    public CurveClient(MechanismSetup setup) : base(setup)
    {
        _publicKey = CurveKeys.PublicKeyOf(setup.Options);
        _secretKey = CurveKeys.OrZero(setup.Options.CurveSecretKey);
        _serverKey = CurveKeys.OrZero(setup.Options.CurveServerKey);
    }

    public override string Name => "CURVE";

    public override CurveCodec? Codec => _codec;

    public override void Start()
    {
        Sodium.KeyPair(_shortPublic, _shortSecret);
        // HELLO: version 1.0, 72 bytes of padding (so HELLO is never smaller than WELCOME), C',
        // short nonce, and a box of 64 zero bytes from C' to S proving we hold c'.
        byte[] data = new byte[2 + 72 + 32 + 8 + 80];
        data[0] = 1;
        data[1] = 0;
        _shortPublic.CopyTo(data, 74);
        ulong nonce = ++_nonce;
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(106), nonce);
        Span<byte> key = stackalloc byte[CurveKeys.KeySize];
        Span<byte> boxNonce = stackalloc byte[Sodium.NonceSize];
        if (!Sodium.Precompute(_serverKey, _shortSecret, key))
        {
            FailProtocol(ProtocolError.KeyExchange);
            return;
        }
        CurveKeys.ShortNonce(boxNonce, "CurveZMQHELLO---"u8, nonce);
        Sodium.Seal(data.AsSpan(114, 80), stackalloc byte[64], boxNonce, key);
        Sodium.Wipe(key);
        Send("HELLO"u8, data);
        _state = State.WaitingWelcome;
    }

    public override void OnCommand(ReadOnlySpan<byte> body)
    {
        ZmtpCommandKind kind = ZmtpCommand.KindOf(body);
        ReadOnlySpan<byte> data = ZmtpCommand.DataOf(body);
        if (kind == ZmtpCommandKind.Error)
            OnErrorCommand(data);
        else if (kind == ZmtpCommandKind.Welcome && _state == State.WaitingWelcome)
            OnWelcome(data);
        else if (kind == ZmtpCommandKind.Ready && _state == State.WaitingReady)
            OnReady(data);
        else
            FailProtocol(ProtocolError.UnexpectedCommand);
    }

    private void OnWelcome(ReadOnlySpan<byte> data)
    {
        // Long nonce (16), then a box (from S to C') of S' and the cookie (96).
        if (data.Length != 16 + 144)
        {
            FailProtocol(ProtocolError.MalformedCommandWelcome);
            return;
        }
        Span<byte> key = stackalloc byte[CurveKeys.KeySize];
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];
        Span<byte> plain = stackalloc byte[128];
        CurveKeys.LongNonce(nonce, "WELCOME-"u8, data.Slice(0, 16));
        bool opened = Sodium.Precompute(_serverKey, _shortSecret, key) && Sodium.Open(plain, data.Slice(16), nonce, key);
        Sodium.Wipe(key);
        if (!opened)
        {
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }
        ReadOnlySpan<byte> serverShort = plain.Slice(0, 32);
        ReadOnlySpan<byte> cookie = plain.Slice(32, 96);
        _sessionKey = new byte[CurveKeys.KeySize];
        if (!Sodium.Precompute(serverShort, _shortSecret, _sessionKey))
        {
            FailProtocol(ProtocolError.KeyExchange);
            return;
        }
        SendInitiate(serverShort, cookie);
        Sodium.Wipe(plain);
    }

    private void SendInitiate(ReadOnlySpan<byte> serverShort, ReadOnlySpan<byte> cookie)
    {
        // The vouch: a box from C to S' of C' and S, showing the long-term key owner made C'.
        Span<byte> vouchKey = stackalloc byte[CurveKeys.KeySize];
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];
        Span<byte> vouchPlain = stackalloc byte[64];
        Span<byte> vouchNonce = stackalloc byte[16];
        Sodium.RandomBytes(vouchNonce);
        _shortPublic.CopyTo(vouchPlain);
        _serverKey.CopyTo(vouchPlain.Slice(32));
        if (!Sodium.Precompute(serverShort, _secretKey, vouchKey))
        {
            FailProtocol(ProtocolError.KeyExchange);
            return;
        }
        byte[] metadata = OwnMetadata();
        byte[] plain = new byte[32 + 16 + 80 + metadata.Length];
        _publicKey.CopyTo(plain, 0);
        vouchNonce.CopyTo(plain.AsSpan(32));
        CurveKeys.LongNonce(nonce, "VOUCH---"u8, vouchNonce);
        Sodium.Seal(plain.AsSpan(48, 80), vouchPlain, nonce, vouchKey);
        Sodium.Wipe(vouchKey);
        metadata.CopyTo(plain, 128);

        // INITIATE: cookie, short nonce, and the box (from C' to S') of C, the vouch and our metadata.
        byte[] data = new byte[96 + 8 + plain.Length + Sodium.MacSize];
        cookie.CopyTo(data);
        ulong shortNonce = ++_nonce;
        BinaryPrimitives.WriteUInt64BigEndian(data.AsSpan(96), shortNonce);
        CurveKeys.ShortNonce(nonce, "CurveZMQINITIATE"u8, shortNonce);
        Sodium.Seal(data.AsSpan(104), plain, nonce, _sessionKey!);
        Send("INITIATE"u8, data);
        _state = State.WaitingReady;
    }

    private void OnReady(ReadOnlySpan<byte> data)
    {
        // Short nonce, then a box (from S' to C') of the server's metadata.
        if (data.Length < 8 + Sodium.MacSize)
        {
            FailProtocol(ProtocolError.MalformedCommandReady);
            return;
        }
        ulong shortNonce = BinaryPrimitives.ReadUInt64BigEndian(data);
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];
        CurveKeys.ShortNonce(nonce, "CurveZMQREADY---"u8, shortNonce);
        byte[] plain = new byte[data.Length - 8 - Sodium.MacSize];
        if (!Sodium.Open(plain, data.Slice(8), nonce, _sessionKey!))
        {
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }
        if (!AcceptPeerMetadata(plain)) return;
        _peerNonce = shortNonce;
        _codec = new CurveCodec(_sessionKey!, asServer: false, lastSent: _nonce, lastReceived: _peerNonce);
        _sessionKey = null;
        _state = State.Done;
        Complete();
    }

    public override void Dispose()
    {
        base.Dispose();
        Sodium.Wipe(_shortSecret);
        if (_sessionKey is not null) Sodium.Wipe(_sessionKey);
        _codec?.Dispose();
    }
}
