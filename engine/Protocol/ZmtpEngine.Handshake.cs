using System.Buffers.Binary;
using System.Text;
using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Protocol;

// After the greeting: the NULL mechanism's READY exchange (3.x) or the identity frame (1.0,
// 2.0); then heartbeats for the life of the connection.
internal sealed partial class ZmtpEngine
{
    private readonly IoTimer _handshakeTimer;
    private readonly IoTimer _heartbeatTimer;
    private readonly IoTimer _heartbeatTimeoutTimer;
    private readonly IoTimer _ttlTimer;
    private long _receivedAtPing;
    private long _receivedAtPeerPing;

    /// <summary>The peer's metadata from READY (Socket-Type, Identity and any others).</summary>
    public Dictionary<string, byte[]>? PeerMetadata { get; private set; }

    /// <summary>The peer's socket type (from READY, or the 2.0 greeting), if it said.</summary>
    public SocketType? PeerSocketType { get; private set; }

    private void OnGreetingDone()
    {
        _version = _greeting.Version;
        _decoder.SetVersion(_version);
        _encoder.Version = _version;
        _phase = Phase.Handshake;
        if (_version >= ZmtpVersion.V30)
        {
            var properties = new List<KeyValuePair<string, byte[]>>
            {
                new("Socket-Type", Encoding.ASCII.GetBytes(SocketTypeNames.NameOf(_socketType))),
            };
            if (SocketTypeNames.SendsIdentity(_socketType)) properties.Add(new("Identity", _identity));
            Msg ready = ZmtpCommand.BuildMetadata("READY"u8, properties);
            _encoder.TryEncode(ref ready);
        }
        else
        {
            if (_greeting.PeerSocketTypeV2 >= 0) PeerSocketType = (SocketType)_greeting.PeerSocketTypeV2;
            if (_greeting.Unversioned)
            {
                _encoder.TryAppendRaw(_identity); // completes the identity frame the signature began
            }
            else
            {
                Msg identity = Msg.Copy(_identity);
                _encoder.TryEncode(ref identity);
            }
        }
        WritePending();
    }

    private bool OnHandshakeFrame(ref Msg frame)
    {
        byte[]? peerRoutingId;
        if (_version >= ZmtpVersion.V30)
        {
            ReadOnlySpan<byte> body = frame.Data;
            ZmtpCommandKind kind = (frame.Flags & MsgFlags.Command) != 0 ? ZmtpCommand.KindOf(body) : ZmtpCommandKind.Unknown;
            if (kind == ZmtpCommandKind.Error)
            {
                frame.Close();
                Fail(EngineEnd.HandshakeAuth, LibC.EPROTO);
                return false;
            }
            if (kind != ZmtpCommandKind.Ready || !ZmtpCommand.TryParseMetadata(ZmtpCommand.DataOf(body), out var metadata))
            {
                frame.Close();
                Fail(EngineEnd.HandshakeProtocol, LibC.EPROTO);
                return false;
            }
            frame.Close();
            PeerMetadata = metadata;
            if (!metadata.TryGetValue("Socket-Type", out byte[]? typeName) ||
                !SocketTypeNames.TryParse(typeName, out SocketType peerType) ||
                !SocketTypeNames.Compatible(_socketType, peerType))
            {
                Fail(EngineEnd.HandshakeProtocol, LibC.EPROTO);
                return false;
            }
            PeerSocketType = peerType;
            peerRoutingId = metadata.TryGetValue("Identity", out byte[]? id) && id.Length > 0 ? id : null;
        }
        else
        {
            peerRoutingId = frame.Size > 0 ? frame.ToArray() : null;
            frame.Close();
        }
        return Activate(peerRoutingId);
    }

    private bool Activate(byte[]? peerRoutingId)
    {
        IoLoop.Cancel(_handshakeTimer);
        _pipe = _session.OnHandshakeSucceeded(this, peerRoutingId);
        if (_pipe is null)
        {
            Fail(EngineEnd.HandshakeProtocol, LibC.EPROTO);
            return false;
        }
        _phase = Phase.Active;
        byte[]? hello = _options.HelloMsg;
        if (hello is not null)
        {
            Msg greeting = Msg.Copy(hello);
            _encoder.TryEncode(ref greeting);
        }
        if (_options.HeartbeatIvl > 0 && _version >= ZmtpVersion.V30) _loop.Schedule(_heartbeatTimer, _options.HeartbeatIvl);
        PumpOut();
        return _phase == Phase.Active;
    }

    private void OnHandshakeTimeout()
    {
        if (_phase is Phase.Greeting or Phase.Handshake) Fail(EngineEnd.HandshakeFailed, LibC.ETIMEDOUT);
    }

    // ---- heartbeats (ZMTP 3.1 PING/PONG) ----

    private void OnHeartbeatTimer()
    {
        if (_phase != Phase.Active) return;
        Msg ping = ZmtpCommand.Ping(_options.HeartbeatTtl, default);
        EncodeControl(ref ping);
        int timeout = _options.EffectiveHeartbeatTimeout;
        if (timeout > 0 && !_heartbeatTimeoutTimer.Armed)
        {
            _receivedAtPing = _receiveCount;
            _loop.Schedule(_heartbeatTimeoutTimer, timeout);
        }
        _loop.Schedule(_heartbeatTimer, _options.HeartbeatIvl);
    }

    private void OnHeartbeatTimeout()
    {
        if (_phase == Phase.Active && _receiveCount == _receivedAtPing) Fail(EngineEnd.Disconnected, LibC.ETIMEDOUT);
    }

    private void OnPing(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2) return;
        int ttlMs = BinaryPrimitives.ReadUInt16BigEndian(data) * 100;
        ReadOnlySpan<byte> context = data.Slice(2);
        if (context.Length > 16) context = context.Slice(0, 16);
        Msg pong = ZmtpCommand.Pong(context);
        EncodeControl(ref pong);
        if (ttlMs > 0)
        {
            _receivedAtPeerPing = _receiveCount;
            _loop.Schedule(_ttlTimer, ttlMs);
        }
    }

    private void OnTtlExpired()
    {
        if (_phase == Phase.Active && _receiveCount == _receivedAtPeerPing) Fail(EngineEnd.Disconnected, LibC.ETIMEDOUT);
    }

    private long _receiveCount;
}
