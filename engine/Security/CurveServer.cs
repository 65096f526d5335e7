using System.Buffers.Binary;
using Zinc.Protocol;

namespace Zinc.Security;

/// <summary>
/// CURVE server (rfc 26): HELLO proves the client holds c'; WELCOME sends our short-term key S'
/// and a cookie (C' and s' sealed under a key only this connection knows); INITIATE brings the
/// cookie back with the client's long-term key C and its vouch; the ZAP handler, when one is
/// bound, decides about C; READY. Then messages under the key precomputed from C' and s'.
/// </summary>
internal sealed class CurveServer : Mechanism
{
    private enum State : byte { WaitingHello, WaitingInitiate, WaitingZap, Done }

    private readonly byte[] _publicKey;      // S
    private readonly byte[] _secretKey;      // s
    private readonly byte[] _clientShort = new byte[CurveKeys.KeySize];   // C'
    private readonly byte[] _shortPublic = new byte[CurveKeys.KeySize];   // S'
    private readonly byte[] _shortSecret = new byte[CurveKeys.KeySize];   // s'
    private readonly byte[] _cookieKey = new byte[CurveKeys.KeySize];     // K
    private byte[]? _sessionKey;              // precomputed (C', s')
    private ulong _nonce;
    private ulong _peerNonce;
    private State _state;
    private CurveCodec? _codec;

    public CurveServer(MechanismSetup setup) : base(setup)
    {
        _secretKey = CurveKeys.OrZero(setup.Options.CurveSecretKey);
        _publicKey = CurveKeys.PublicKeyOf(setup.Options);
    }

    public override string Name => "CURVE";

    public override CurveCodec? Codec => _codec;

    public override void Start()
    {
    }

    public override void OnCommand(ReadOnlySpan<byte> body)
    {
        ZmtpCommandKind kind = ZmtpCommand.KindOf(body);
        ReadOnlySpan<byte> data = ZmtpCommand.DataOf(body);
        if (kind == ZmtpCommandKind.Error)
            OnErrorCommand(data);
        else if (kind == ZmtpCommandKind.Hello && _state == State.WaitingHello)
            OnHello(data);
        else if (kind == ZmtpCommandKind.Initiate && _state == State.WaitingInitiate)
            OnInitiate(data);
        else
            FailProtocol(ProtocolError.UnexpectedCommand);
    }

    private void OnHello(ReadOnlySpan<byte> data)
    {
        // version 1.0, 72 bytes padding, C', short nonce, box of 64 zero bytes from C' to S.
        if (data.Length != 2 + 72 + 32 + 8 + 80 || data[0] != 1 || data[1] != 0)
        {
            FailProtocol(ProtocolError.MalformedCommandHello);
            return;
        }
        data.Slice(74, 32).CopyTo(_clientShort);
        ulong shortNonce = BinaryPrimitives.ReadUInt64BigEndian(data.Slice(106));
        Span<byte> key = stackalloc byte[CurveKeys.KeySize];
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];
        Span<byte> zeros = stackalloc byte[64];
        CurveKeys.ShortNonce(nonce, "CurveZMQHELLO---"u8, shortNonce);
        if (!Sodium.Precompute(_clientShort, _secretKey, key) || !Sodium.Open(zeros, data.Slice(114), nonce, key))
        {
            Sodium.Wipe(key);
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }
        _peerNonce = shortNonce;
        SendWelcome(key);
        Sodium.Wipe(key);
    }

    // key: the (C', s) key the HELLO box opened with; WELCOME is boxed the same way back.
    private void SendWelcome(ReadOnlySpan<byte> key)
    {
        Sodium.KeyPair(_shortPublic, _shortSecret);
        Sodium.RandomBytes(_cookieKey);
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];

        // Cookie: 16-byte nonce, then C' and s' sealed under K.
        Span<byte> cookiePlain = stackalloc byte[64];
        _clientShort.CopyTo(cookiePlain);
        _shortSecret.CopyTo(cookiePlain.Slice(32));
        Span<byte> plain = stackalloc byte[32 + 96];
        _shortPublic.CopyTo(plain);
        Span<byte> cookie = plain.Slice(32, 96);
        Sodium.RandomBytes(cookie.Slice(0, 16));
        CurveKeys.LongNonce(nonce, "COOKIE--"u8, cookie.Slice(0, 16));
        Sodium.SecretSeal(cookie.Slice(16), cookiePlain, nonce, _cookieKey);
        Sodium.Wipe(cookiePlain);

        // WELCOME: 16-byte nonce, then S' and the cookie boxed from S to C'.
        byte[] data = new byte[16 + 144];
        Sodium.RandomBytes(data.AsSpan(0, 16));
        CurveKeys.LongNonce(nonce, "WELCOME-"u8, data.AsSpan(0, 16));
        Sodium.Seal(data.AsSpan(16), plain, nonce, key);
        Send("WELCOME"u8, data);
        _state = State.WaitingInitiate;
    }

    private void OnInitiate(ReadOnlySpan<byte> data)
    {
        // cookie (96), short nonce (8), box of C (32), vouch nonce (16), vouch box (80), metadata.
        if (data.Length < 96 + 8 + Sodium.MacSize + 128)
        {
            FailProtocol(ProtocolError.MalformedCommandInitiate);
            return;
        }
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];

        // The cookie must be ours and name this connection's C' and s'.
        Span<byte> cookiePlain = stackalloc byte[64];
        CurveKeys.LongNonce(nonce, "COOKIE--"u8, data.Slice(0, 16));
        bool cookieOk = Sodium.SecretOpen(cookiePlain, data.Slice(16, 80), nonce, _cookieKey)
            && CurveKeys.Same(cookiePlain.Slice(0, 32), _clientShort) && CurveKeys.Same(cookiePlain.Slice(32), _shortSecret);
        Sodium.Wipe(cookiePlain);
        if (!cookieOk)
        {
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }

        ulong shortNonce = BinaryPrimitives.ReadUInt64BigEndian(data.Slice(96));
        if (shortNonce <= _peerNonce)
        {
            FailProtocol(ProtocolError.InvalidSequence);
            return;
        }
        _sessionKey = new byte[CurveKeys.KeySize];
        byte[] plain = new byte[data.Length - 104 - Sodium.MacSize];
        CurveKeys.ShortNonce(nonce, "CurveZMQINITIATE"u8, shortNonce);
        if (!Sodium.Precompute(_clientShort, _shortSecret, _sessionKey) || !Sodium.Open(plain, data.Slice(104), nonce, _sessionKey))
        {
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }
        _peerNonce = shortNonce;

        // The vouch: a box from C to S' of C' and S.
        ReadOnlySpan<byte> clientKey = plain.AsSpan(0, 32);
        Span<byte> vouchKey = stackalloc byte[CurveKeys.KeySize];
        Span<byte> vouch = stackalloc byte[64];
        CurveKeys.LongNonce(nonce, "VOUCH---"u8, plain.AsSpan(32, 16));
        bool vouchOpened = Sodium.Precompute(clientKey, _shortSecret, vouchKey) && Sodium.Open(vouch, plain.AsSpan(48, 80), nonce, vouchKey);
        Sodium.Wipe(vouchKey);
        if (!vouchOpened)
        {
            FailProtocol(ProtocolError.Cryptographic);
            return;
        }
        if (!CurveKeys.Same(vouch.Slice(0, 32), _clientShort) || !CurveKeys.Same(vouch.Slice(32), _publicKey))
        {
            FailProtocol(ProtocolError.KeyExchange);
            return;
        }
        if (!AcceptPeerMetadata(plain.AsSpan(128))) return;

        // libzmq 4.3.4 skips ZAP when ZAP_ENFORCE_DOMAIN is set without a domain.
        bool skipZap = Setup.Options.ZapEnforceDomain && Setup.Options.ZapDomain.Length == 0;
        if (skipZap)
        {
            SendReady();
            return;
        }
        if (TryAskZap(clientKey, default, 1))
        {
            _state = State.WaitingZap;
            return;
        }
        if (Setup.Options.ZapEnforceDomain)
        {
            Fail(EngineEnd.HandshakeFailed, Reactor.Native.LibC.EFAULT);
            return;
        }
        SendReady(); // no handler: encryption without authentication (the "stonehouse" case)
    }

    protected override void OnZapAccepted() => SendReady();

    private void SendReady()
    {
        byte[] metadata = OwnMetadata();
        byte[] data = new byte[8 + Sodium.MacSize + metadata.Length];
        ulong shortNonce = ++_nonce;
        BinaryPrimitives.WriteUInt64BigEndian(data, shortNonce);
        Span<byte> nonce = stackalloc byte[Sodium.NonceSize];
        CurveKeys.ShortNonce(nonce, "CurveZMQREADY---"u8, shortNonce);
        Sodium.Seal(data.AsSpan(8), metadata, nonce, _sessionKey!);
        Send("READY"u8, data);
        _codec = new CurveCodec(_sessionKey!, asServer: true, lastSent: _nonce, lastReceived: _peerNonce);
        _sessionKey = null;
        _state = State.Done;
        Complete();
    }

    public override void Dispose()
    {
        base.Dispose();
        Sodium.Wipe(_shortSecret);
        Sodium.Wipe(_cookieKey);
        if (_sessionKey is not null) Sodium.Wipe(_sessionKey);
        _codec?.Dispose();
    }
}
