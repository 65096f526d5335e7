using System.Buffers.Binary;

namespace Zinc.Security;

/// <summary>
/// CURVE's message phase (rfc 26 MESSAGE): every frame travels as a box under the key both sides
/// precomputed at the handshake, so a message costs one XSalsa20-Poly1305 pass and no key
/// agreement. Body: "\x07MESSAGE", an 8-byte short nonce, then the box of one flags byte (bit 0
/// MORE, bit 1 COMMAND) and the payload. Nonces go up by one per frame each way; a peer nonce
/// that does not go up is a replay. The sending half runs under the engine's send lock, the
/// receiving half on its loop thread.
/// </summary>
internal sealed class CurveCodec : IDisposable
{
    /// <summary>Bytes a sealed frame adds to its payload: name 8, nonce 8, MAC 16, flags 1.</summary>
    public const int Overhead = 33;

    private const int PayloadStart = 16 + Sodium.MacSize;

    private readonly byte[] _key;
    private readonly byte[] _sendNonce = new byte[Sodium.NonceSize];
    private readonly byte[] _receiveNonce = new byte[Sodium.NonceSize];
    private ulong _sent;
    private ulong _received;

    /// <param name="sharedKey">The precomputed key (32 bytes); the codec owns it from here.</param>
    /// <param name="asServer">Which nonce prefix is ours: servers send "CurveZMQMESSAGES", clients "...C".</param>
    /// <param name="lastSent">The last short nonce this side used in the handshake.</param>
    /// <param name="lastReceived">The last short nonce the peer used in the handshake.</param>
    public CurveCodec(byte[] sharedKey, bool asServer, ulong lastSent, ulong lastReceived)
    {
        _key = sharedKey;
        (asServer ? "CurveZMQMESSAGES"u8 : "CurveZMQMESSAGEC"u8).CopyTo(_sendNonce);
        (asServer ? "CurveZMQMESSAGEC"u8 : "CurveZMQMESSAGES"u8).CopyTo(_receiveNonce);
        _sent = lastSent;
        _received = lastReceived;
    }

    /// <summary>
    /// Seals <paramref name="payload"/> into <paramref name="body"/> (exactly payload + <see cref="Overhead"/>
    /// bytes). <paramref name="body"/> may be the encoder's staging buffer: the plaintext is laid out
    /// where the ciphertext goes and encrypted in place.
    /// </summary>
    public void Seal(Span<byte> body, MsgFlags flags, ReadOnlySpan<byte> payload)
    {
        "\x07MESSAGE"u8.CopyTo(body);
        ulong nonce = ++_sent;
        BinaryPrimitives.WriteUInt64BigEndian(body.Slice(8), nonce);
        BinaryPrimitives.WriteUInt64BigEndian(_sendNonce.AsSpan(16), nonce);
        Span<byte> plain = body.Slice(PayloadStart);
        plain[0] = (byte)(((flags & MsgFlags.More) != 0 ? 1 : 0) | ((flags & MsgFlags.Command) != 0 ? 2 : 0));
        payload.CopyTo(plain.Slice(1));
        Sodium.Seal(body.Slice(16), plain, _sendNonce, _key);
    }

    /// <summary>The payload size a MESSAGE body of <paramref name="bodyLength"/> bytes carries, or -1 if too short.</summary>
    public static int PayloadSize(int bodyLength) => bodyLength < Overhead ? -1 : bodyLength - Overhead;

    /// <summary>
    /// Opens a MESSAGE body into <paramref name="plain"/> (flags byte then payload, body.Length - 32
    /// bytes). Returns 0, or the protocol error that closes the connection: malformed, replayed
    /// (the nonce did not go up) or forged (the box does not open).
    /// </summary>
    public int Open(ReadOnlySpan<byte> body, Span<byte> plain)
    {
        if (body.Length < Overhead || !body.StartsWith("\x07MESSAGE"u8)) return ProtocolError.MalformedCommandMessage;
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(body.Slice(8));
        if (nonce <= _received) return ProtocolError.InvalidSequence;
        body.Slice(8, 8).CopyTo(_receiveNonce.AsSpan(16));
        if (!Sodium.Open(plain, body.Slice(16), _receiveNonce, _key)) return ProtocolError.Cryptographic;
        _received = nonce;
        return 0;
    }

    /// <summary>
    /// The protocol error for a frame that is not a MESSAGE at all, as libzmq names it: a
    /// cleartext command (PING...) is an unexpected command, cleartext data a malformed one.
    /// </summary>
    public static int NotSealedError(ReadOnlySpan<byte> body, bool command, int error) =>
        error != ProtocolError.MalformedCommandMessage || body.StartsWith("\x07MESSAGE"u8) ? error
        : command ? ProtocolError.UnexpectedCommand : ProtocolError.MalformedCommandUnspecified;

    /// <summary>The frame flags a plaintext's first byte carries.</summary>
    public static MsgFlags FlagsOf(byte flags) =>
        ((flags & 1) != 0 ? MsgFlags.More : 0) | ((flags & 2) != 0 ? MsgFlags.Command : 0);

    public void Dispose() => Sodium.Wipe(_key);
}
