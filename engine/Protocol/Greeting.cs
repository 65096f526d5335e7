using System.Buffers.Binary;
using System.Text;

namespace Zinc.Protocol;

/// <summary>Where a greeting exchange stands after some input.</summary>
internal enum GreetingStatus : byte
{
    NeedMore,
    Done,
    Error,
}

/// <summary>
/// The greeting as libzmq exchanges it, so that ZMTP 3.x, 2.0 and 1.0 peers are all served:
/// send the 10-byte signature, look at the peer's first bytes, then send the rest that its
/// version expects. A signature that is really a ZMTP 1.0 identity frame means a 1.0 peer.
/// </summary>
internal sealed class Greeting
{
    public const int SignatureSize = 10;
    public const int V2Size = 12;
    public const int V3Size = 64;

    private readonly SocketType _socketType;
    private readonly string _mechanism;
    private readonly bool _asServer;
    private readonly byte[] _received = new byte[V3Size];
    private int _count;
    private bool _sentMajor;
    private bool _sentRest;

    public Greeting(SocketType socketType, int identityLength, string mechanism, bool asServer)
    {
        _socketType = socketType;
        _mechanism = mechanism;
        _asServer = asServer;
        IdentityLength = identityLength;
    }

    public int IdentityLength { get; }

    /// <summary>The version settled on, once <see cref="GreetingStatus.Done"/>.</summary>
    public ZmtpVersion Version { get; private set; }

    /// <summary>The peer sent no greeting at all (ZMTP 1.0): what it sent is the start of its identity frame.</summary>
    public bool Unversioned { get; private set; }

    /// <summary>Bytes the peer sent during the greeting that belong to the frame stream (unversioned peers only).</summary>
    public ReadOnlySpan<byte> Leftover => Unversioned ? _received.AsSpan(0, _count) : default;

    public string PeerMechanism { get; private set; } = "";

    public bool PeerAsServer { get; private set; }

    /// <summary>The socket type byte a ZMTP 2.0 peer sends.</summary>
    public int PeerSocketTypeV2 { get; private set; } = -1;

    public string? Error { get; private set; }

    /// <summary>The greeting failed because the peer named another security mechanism.</summary>
    public bool MechanismMismatch { get; private set; }

    /// <summary>The first bytes we send: 0xFF, a length that makes them a 1.0 identity frame header, 0x7F.</summary>
    public void WriteSignature(Span<byte> destination)
    {
        destination[0] = 0xFF;
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(1), (ulong)IdentityLength + 1);
        destination[9] = 0x7F;
    }

    /// <summary>
    /// Takes greeting bytes from <paramref name="input"/> (never more than the greeting needs);
    /// <paramref name="send"/> receives what must go out next, if anything.
    /// </summary>
    public GreetingStatus Feed(ReadOnlySpan<byte> input, out int consumed, Span<byte> send, out int sendLength)
    {
        consumed = 0;
        sendLength = 0;
        while (true)
        {
            if (_count >= 1 && _received[0] != 0xFF || _count >= SignatureSize && (_received[9] & 0x01) == 0)
            {
                Unversioned = true;
                Version = ZmtpVersion.V1;
                return GreetingStatus.Done;
            }
            if (_count >= SignatureSize && !_sentMajor)
            {
                send[sendLength++] = 3;
                _sentMajor = true;
            }
            if (_count > SignatureSize)
            {
                byte revision = _received[10];
                if (revision < 3)
                {
                    if (!_sentRest)
                    {
                        send[sendLength++] = (byte)_socketType;
                        _sentRest = true;
                    }
                    if (_count == V2Size)
                    {
                        Version = revision == 0 ? ZmtpVersion.V1 : ZmtpVersion.V2;
                        PeerSocketTypeV2 = _received[11];
                        return GreetingStatus.Done;
                    }
                }
                else
                {
                    if (!_sentRest)
                    {
                        WriteRest(send.Slice(sendLength));
                        sendLength += V3Size - SignatureSize - 1;
                        _sentRest = true;
                    }
                    if (_count == V3Size) return FinishV3();
                }
            }
            if (consumed == input.Length) return GreetingStatus.NeedMore;
            // Take one byte at a time up to the signature (the 1.0 checks look at single bytes),
            // then as much as the detected version's greeting still needs.
            int need = _count < SignatureSize ? 1
                : _count == SignatureSize ? 1
                : (_received[10] < 3 ? V2Size : V3Size) - _count;
            int take = Math.Min(need, input.Length - consumed);
            input.Slice(consumed, take).CopyTo(_received.AsSpan(_count));
            _count += take;
            consumed += take;
        }
    }

    private void WriteRest(Span<byte> destination)
    {
        destination[0] = 1; // minor version: ZMTP 3.1
        Span<byte> mechanism = destination.Slice(1, 20);
        mechanism.Clear();
        Encoding.ASCII.GetBytes(_mechanism, mechanism);
        destination[21] = (byte)(_asServer ? 1 : 0);
        destination.Slice(22, 31).Clear();
    }

    private GreetingStatus FinishV3()
    {
        Version = _received[11] == 0 && _received[10] == 3 ? ZmtpVersion.V30 : ZmtpVersion.V31;
        ReadOnlySpan<byte> mechanism = _received.AsSpan(12, 20);
        int end = mechanism.IndexOf((byte)0);
        PeerMechanism = Encoding.ASCII.GetString(end < 0 ? mechanism : mechanism[..end]);
        PeerAsServer = _received[32] != 0;
        if (PeerMechanism != _mechanism)
        {
            Error = $"mechanism mismatch: peer uses {PeerMechanism}, this socket {_mechanism}";
            MechanismMismatch = true;
            return GreetingStatus.Error;
        }
        return GreetingStatus.Done;
    }
}
