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

    private Security.Mechanism _mechanism = null!;
    private Security.CurveCodec? _codec;
    private ZapWork? _zapWork;

    /// <summary>The peer's metadata from READY/INITIATE (Socket-Type, Identity and any others).</summary>
    public Dictionary<string, byte[]>? PeerMetadata => _mechanism.PeerMetadata;

    /// <summary>The peer's socket type (from READY, or the 2.0 greeting), if it said.</summary>
    public SocketType? PeerSocketType { get; private set; }

    private Security.Mechanism CreateMechanism()
    {
        var setup = new Security.MechanismSetup(_options, _socketType, PeerAddressOrEmpty(), ConnectZap);
        return Security.MechanismFactory.Create(setup);
    }

    // An IPv4 peer of a dual-stack listener stays in its mapped form ("::ffff:127.0.0.1"), as
    // libzmq reports it in Peer-Address and to ZAP.
    private string PeerAddress() => SockAddr.PeerOf(Fd).Ip?.ToString() ?? "";

    private Security.Zap.ZapClient? ConnectZap()
    {
        _zapWork ??= new ZapWork(this);
        return Security.Zap.ZapClient.Connect(_session.Inproc, _zapWork.Post);
    }

    private void OnGreetingDone()
    {
        _version = _greeting.Version;
        _decoder.SetVersion(_version);
        _encoder.Version = _version;
        _phase = Phase.Handshake;
        if (_version >= ZmtpVersion.V30)
        {
            _mechanism.Start();
            AfterMechanismStep();
            return;
        }
        // ZMTP 1.0 and 2.0 have no security handshake: only a NULL socket without ZAP may talk to them.
        if (_mechanism is not Security.NullMechanism || _options.ZapDomain.Length > 0)
        {
            Fail(EngineEnd.HandshakeProtocol, Security.ProtocolError.MechanismMismatch);
            return;
        }
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
        WritePending();
    }

    private bool OnHandshakeFrame(ref Msg frame)
    {
        if (_version < ZmtpVersion.V30)
        {
            byte[]? legacyId = frame.Size > 0 ? frame.ToArray() : null;
            frame.Close();
            return Activate(legacyId, MsgProperties.Build(Array.Empty<KeyValuePair<string, byte[]>>(), PeerAddressOrEmpty(), null, null));
        }
        if ((frame.Flags & MsgFlags.Command) == 0)
        {
            // Data before the handshake is done.
            frame.Close();
            Fail(EngineEnd.HandshakeProtocol, Security.ProtocolError.UnexpectedCommand);
            return false;
        }
        _mechanism.OnCommand(frame.Data);
        frame.Close();
        return AfterMechanismStep();
    }

    private string? _peerAddress;

    private string PeerAddressOrEmpty() => _peerAddress ??= PeerAddress();

    /// <summary>Sends what the mechanism queued and acts on where it stands; false when the connection ended.</summary>
    private bool AfterMechanismStep()
    {
        bool sent = false;
        while (_mechanism.TryTakeCommand(out Msg command))
        {
            sent = true;
            if (!_encoder.TryEncode(ref command)) command.Close(); // handshake commands are small; the buffer is empty
        }
        switch (_mechanism.Status)
        {
            case Security.HandshakeStatus.Failed:
                if (sent) Refuse();
                else Fail(_mechanism.FailEnd, _mechanism.FailValue);
                return false;
            case Security.HandshakeStatus.Complete:
            {
                Dictionary<string, byte[]> metadata = _mechanism.PeerMetadata!;
                PeerSocketType = SocketTypeNames.TryParse(metadata["Socket-Type"], out SocketType peerType) ? peerType : null;
                byte[]? peerRoutingId = metadata.TryGetValue("Identity", out byte[]? id) && id.Length > 0 ? id : null;
                _codec = _mechanism.Codec;
                var properties = MsgProperties.Build(metadata, PeerAddressOrEmpty(), _mechanism.UserId, _mechanism.ZapMetadata);
                return Activate(peerRoutingId, properties);
            }
            default:
                WritePending();
                return _phase != Phase.Closed;
        }
    }

    private bool Activate(byte[]? peerRoutingId, MsgProperties properties)
    {
        IoLoop.Cancel(_handshakeTimer);
        _pipe = _session.OnHandshakeSucceeded(this, peerRoutingId);
        if (_pipe is null)
        {
            Fail(EngineEnd.HandshakeProtocol, LibC.EPROTO);
            return false;
        }
        _pipe.Peer.Properties = properties;
        _phase = Phase.Active;
        byte[]? hello = _options.HelloMsg;
        if (hello is not null)
        {
            Msg greeting = Msg.Copy(hello);
            EncodeFrame(ref greeting);
        }
        if (_options.HeartbeatIvl > 0 && _version >= ZmtpVersion.V30)
        {
            _loop.Schedule(_heartbeatTimer, _options.HeartbeatIvl);
            int timeout = _options.EffectiveHeartbeatTimeout;
            BoundLease(timeout > 0 ? Math.Min(timeout, _options.HeartbeatIvl) : _options.HeartbeatIvl);
        }
        PumpOut();
        return _phase == Phase.Active;
    }

    /// <summary>The ZAP handler's reply is readable: posted to the loop from the handler's thread.</summary>
    private sealed class ZapWork : IIoWork
    {
        private readonly ZmtpEngine _engine;
        private int _posted;

        public ZapWork(ZmtpEngine engine) => _engine = engine;

        public void Post()
        {
            if (Interlocked.Exchange(ref _posted, 1) == 0) _engine._loop.Post(this);
        }

        void IIoWork.RunOnLoop()
        {
            Volatile.Write(ref _posted, 0);
            if (_engine._phase != Phase.Handshake) return;
            _engine._mechanism.OnZapReadable();
            if (!_engine._mechanism.WaitingForZap || _engine._mechanism.Status != Security.HandshakeStatus.Running)
                _engine.AfterMechanismStep();
        }
    }

    // The mechanism queued an ERROR telling the peer why it is refused. Closing at once could
    // lose it: the peer's next write would meet our closed socket and its reset, and a peer that
    // sees a reset before the ERROR retries (libzmq does). So send it, shut our side down, and
    // close when the peer does, or after a grace period.
    private const int RefusalGraceMs = 1000;

    private void Refuse()
    {
        WritePending();
        if (_phase == Phase.Closed) return;
        LibC.shutdown(Fd, LibC.SHUT_WR);
        _phase = Phase.Refusing;
        _loop.Schedule(_handshakeTimer, RefusalGraceMs);
    }

    private void EndRefusal()
    {
        _phase = Phase.Handshake; // so End reports the handshake failure
        Fail(_mechanism.FailEnd, _mechanism.FailValue);
    }

    private void OnHandshakeTimeout()
    {
        if (_phase == Phase.Refusing)
        {
            EndRefusal();
            return;
        }
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
        if (SilentSince(_receivedAtPing)) Fail(EngineEnd.Disconnected, LibC.ETIMEDOUT);
    }

    private void OnPing(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2) return;
        int ttlMs = BinaryPrimitives.ReadUInt16BigEndian(data) * 100;
        // The peer checks us at about its PING interval: keep a lent connection answering in time.
        long now = MonotonicClock.Milliseconds;
        if (_lastPeerPing != 0 && now - _lastPeerPing >= MinPingGapMs) BoundLease(now - _lastPeerPing);
        _lastPeerPing = now;
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
        if (SilentSince(_receivedAtPeerPing)) Fail(EngineEnd.Disconnected, LibC.ETIMEDOUT);
    }

    // The link said nothing since the mark was taken (a PING sent, or one received with a TTL).
    // Bytes waiting unread in the socket, or read by the loop and held back by a pause
    // (io_uring), mean the peer did speak and nobody got to them yet (this loop, or the thread
    // the connection is lent to, was held up: a GC, a first-time compile, a starved core).
    // The next PING re-arms the check.
    private bool SilentSince(long receivedAtMark) =>
        _phase == Phase.Active && _receiveCount == receivedAtMark && !HasUnreadBytes();

    private unsafe bool HasUnreadBytes()
    {
        if (_registration is { } registration && _loop.HoldsUnreadBytes(registration)) return true;
        byte probe;
        return LibC.recv(Fd, &probe, 1, LibC.MSG_DONTWAIT | LibC.MSG_PEEK) > 0;
    }

    private long _receiveCount;
    private long _lastPeerPing;
    // Two PINGs read in one go (after a stall) seem to come at once: such a gap says nothing.
    private const int MinPingGapMs = 2;
}
