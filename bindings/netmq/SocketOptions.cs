using Zinc;

namespace NetMQ;

/// <summary>A socket's options under NetMQ's names, read from and written to the engine's options.</summary>
public class SocketOptions
{
    private readonly NetMQSocket _socket;
    // Options the engine does not read back (set-only in libzmq) or that have no engine meaning.
    private bool _xpubVerbose, _xpubBroadcast, _routerRaw, _routerHandover, _manualPublisher, _relaxed, _correlate, _disableTimeWait;
    private int _sndLwm, _rcvLwm;
    private byte[]? _hello, _disconnect;
    private NetMQCertificate? _curveCertificate, _curveServerCertificate;
    private Endianness _endian = Endianness.Big;

    /// <summary>Options of <paramref name="socket"/>.</summary>
    public SocketOptions(NetMQSocket socket) => _socket = socket;

    private Zinc.Socket S => _socket.Handle;

    private void Set(SocketOption o, int v) => NetMQSocket.Wrap(() => S.SetOption(o, v));
    private void Set(SocketOption o, long v) => NetMQSocket.Wrap(() => S.SetOption(o, v));
    private void Set(SocketOption o, bool v) => NetMQSocket.Wrap(() => S.SetOption(o, v));
    private void Set(SocketOption o, byte[] v) => NetMQSocket.Wrap(() => S.SetOption(o, v));
    private int GetInt(SocketOption o) => NetMQSocket.Wrap(() => S.GetOptionInt32(o));
    private long GetLong(SocketOption o) => NetMQSocket.Wrap(() => S.GetOptionInt64(o));
    private static TimeSpan Ms(int ms) => ms < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms);
    private static int ToMs(TimeSpan t) => t == Timeout.InfiniteTimeSpan || t < TimeSpan.Zero ? -1 : (int)t.TotalMilliseconds;

    /// <summary>ZMQ_AFFINITY.</summary>
    public long Affinity { get => GetLong(SocketOption.Affinity); set => Set(SocketOption.Affinity, value); }

    /// <summary>ZMQ_IDENTITY / ZMQ_ROUTING_ID: the identity ROUTER peers see (null when none).</summary>
    public byte[]? Identity
    {
        get { byte[] id = NetMQSocket.Wrap(() => S.GetOptionBytes(SocketOption.RoutingId)); return id.Length == 0 ? null : id; }
        set => Set(SocketOption.RoutingId, value ?? Array.Empty<byte>());
    }

    /// <summary>ZMQ_RATE (kilobits per second).</summary>
    public int MulticastRate { get => GetInt(SocketOption.Rate); set => Set(SocketOption.Rate, value); }

    /// <summary>ZMQ_RECOVERY_IVL.</summary>
    public TimeSpan MulticastRecoveryInterval { get => Ms(GetInt(SocketOption.RecoveryIvl)); set => Set(SocketOption.RecoveryIvl, ToMs(value)); }

    /// <summary>ZMQ_SNDBUF.</summary>
    public int SendBuffer { get => GetInt(SocketOption.SndBuf); set => Set(SocketOption.SndBuf, value); }

    /// <summary>ZMQ_RCVBUF.</summary>
    public int ReceiveBuffer { get => GetInt(SocketOption.RcvBuf); set => Set(SocketOption.RcvBuf, value); }

    /// <summary>ZMQ_RCVMORE: whether the last frame received has more frames to follow.</summary>
    public bool ReceiveMore => S.HasMore;

    /// <summary>ZMQ_LINGER (infinite: <see cref="Timeout.InfiniteTimeSpan"/>).</summary>
    public TimeSpan Linger { get => Ms(GetInt(SocketOption.Linger)); set => Set(SocketOption.Linger, ToMs(value)); }

    /// <summary>ZMQ_RECONNECT_IVL.</summary>
    public TimeSpan ReconnectInterval { get => Ms(GetInt(SocketOption.ReconnectIvl)); set => Set(SocketOption.ReconnectIvl, ToMs(value)); }

    /// <summary>ZMQ_RECONNECT_IVL_MAX.</summary>
    public TimeSpan ReconnectIntervalMax { get => Ms(GetInt(SocketOption.ReconnectIvlMax)); set => Set(SocketOption.ReconnectIvlMax, ToMs(value)); }

    /// <summary>ZMQ_BACKLOG.</summary>
    public int Backlog { get => GetInt(SocketOption.Backlog); set => Set(SocketOption.Backlog, value); }

    /// <summary>ZMQ_MAXMSGSIZE.</summary>
    public long MaxMsgSize { get => GetLong(SocketOption.MaxMsgSize); set => Set(SocketOption.MaxMsgSize, value); }

    /// <summary>ZMQ_SNDHWM.</summary>
    public int SendHighWatermark { get => GetInt(SocketOption.SndHwm); set => Set(SocketOption.SndHwm, value); }

    /// <summary>ZMQ_RCVHWM.</summary>
    public int ReceiveHighWatermark { get => GetInt(SocketOption.RcvHwm); set => Set(SocketOption.RcvHwm, value); }

    /// <summary>NetMQ's send low water mark (no libzmq equivalent; stored only).</summary>
    public int SendLowWatermark { get => _sndLwm; set => _sndLwm = value; }

    /// <summary>NetMQ's receive low water mark (no libzmq equivalent; stored only).</summary>
    public int ReceiveLowWatermark { get => _rcvLwm; set => _rcvLwm = value; }

    /// <summary>ZMQ_MULTICAST_HOPS.</summary>
    public int MulticastHops { get => GetInt(SocketOption.MulticastHops); set => Set(SocketOption.MulticastHops, value); }

    /// <summary>ZMQ_IPV4ONLY.</summary>
    public bool IPv4Only { get => GetInt(SocketOption.Ipv4Only) != 0; set => Set(SocketOption.Ipv4Only, value); }

    /// <summary>ZMQ_LAST_ENDPOINT.</summary>
    public string? LastEndpoint => S.LastEndpoint;

    /// <summary>ZMQ_ROUTER_MANDATORY.</summary>
    public bool RouterMandatory { get => GetInt(SocketOption.RouterMandatory) != 0; set => Set(SocketOption.RouterMandatory, value); }

    /// <summary>ZMQ_TCP_KEEPALIVE.</summary>
    public bool TcpKeepalive { get => GetInt(SocketOption.TcpKeepalive) == 1; set => Set(SocketOption.TcpKeepalive, value ? 1 : 0); }

    /// <summary>ZMQ_TCP_KEEPALIVE_CNT.</summary>
    public int TcpKeepaliveCnt { get => GetInt(SocketOption.TcpKeepaliveCnt); set => Set(SocketOption.TcpKeepaliveCnt, value); }

    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE (whole seconds).</summary>
    public TimeSpan TcpKeepaliveIdle { get => TimeSpan.FromSeconds(GetInt(SocketOption.TcpKeepaliveIdle)); set => Set(SocketOption.TcpKeepaliveIdle, (int)value.TotalSeconds); }

    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL (whole seconds).</summary>
    public TimeSpan TcpKeepaliveInterval { get => TimeSpan.FromSeconds(GetInt(SocketOption.TcpKeepaliveIntvl)); set => Set(SocketOption.TcpKeepaliveIntvl, (int)value.TotalSeconds); }

    /// <summary>ZMQ_IMMEDIATE.</summary>
    public bool DelayAttachOnConnect { get => GetInt(SocketOption.Immediate) != 0; set => Set(SocketOption.Immediate, value); }

    /// <summary>ZMQ_XPUB_VERBOSE.</summary>
    public bool XPubVerbose { get => _xpubVerbose; set { Set(SocketOption.XpubVerbose, value); _xpubVerbose = value; } }

    /// <summary>NetMQ's XPUB broadcast flag (no libzmq equivalent; stored only).</summary>
    public bool XPubBroadcast { get => _xpubBroadcast; set => _xpubBroadcast = value; }

    /// <summary>ZMQ_ROUTER_RAW.</summary>
    public bool RouterRawSocket { get => _routerRaw; set { Set(SocketOption.RouterRaw, value); _routerRaw = value; } }

    /// <summary>ZMQ_ROUTER_HANDOVER.</summary>
    public bool RouterHandover { get => _routerHandover; set { Set(SocketOption.RouterHandover, value); _routerHandover = value; } }

    /// <summary>NetMQ's byte order option (stored only; frames are bytes).</summary>
    public Endianness Endian { get => _endian; set => _endian = value; }

    /// <summary>ZMQ_XPUB_MANUAL.</summary>
    public bool ManualPublisher { get => _manualPublisher; set { Set(SocketOption.XpubManual, value); _manualPublisher = value; } }

    /// <summary>NetMQ's Windows TIME_WAIT option (stored only).</summary>
    public bool DisableTimeWait { get => _disableTimeWait; set => _disableTimeWait = value; }

    /// <summary>The routing id of the last peer (not tracked by the engine: always null).</summary>
    public byte[]? LastPeerRoutingId => null;

    /// <summary>ZMQ_MULTICAST_MAXTPDU.</summary>
    public int PgmMaxTransportServiceDataUnitLength { get => GetInt(SocketOption.MulticastMaxTpdu); set => Set(SocketOption.MulticastMaxTpdu, value); }

    /// <summary>ZMQ_CURVE_SERVER.</summary>
    public bool CurveServer { get => GetInt(SocketOption.CurveServer) != 0; set => Set(SocketOption.CurveServer, value); }

    /// <summary>This socket's CURVE key pair (ZMQ_CURVE_PUBLICKEY and ZMQ_CURVE_SECRETKEY).</summary>
    public NetMQCertificate? CurveCertificate
    {
        get => _curveCertificate;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!value.HasSecretKey) throw new ArgumentException("The certificate has no secret key", nameof(value));
            Set(SocketOption.CurveSecretKey, value.SecretKey!);
            Set(SocketOption.CurvePublicKey, value.PublicKey);
            _curveCertificate = value;
        }
    }

    /// <summary>ZMQ_CURVE_SERVERKEY: the server's public key (client side).</summary>
    public byte[]? CurveServerKey
    {
        get => _curveServerCertificate?.PublicKey;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(SocketOption.CurveServerKey, value);
            _curveServerCertificate = NetMQCertificate.FromPublicKey(value);
        }
    }

    /// <summary>The server's certificate (client side): sets ZMQ_CURVE_SERVERKEY.</summary>
    public NetMQCertificate? CurveServerCertificate
    {
        get => _curveServerCertificate;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Set(SocketOption.CurveServerKey, value.PublicKey);
            _curveServerCertificate = value;
        }
    }

    /// <summary>ZMQ_HEARTBEAT_TTL.</summary>
    public TimeSpan HeartbeatTtl { get => Ms(GetInt(SocketOption.HeartbeatTtl)); set => Set(SocketOption.HeartbeatTtl, ToMs(value)); }

    /// <summary>ZMQ_HEARTBEAT_IVL.</summary>
    public TimeSpan HeartbeatInterval { get => Ms(GetInt(SocketOption.HeartbeatIvl)); set => Set(SocketOption.HeartbeatIvl, ToMs(value)); }

    /// <summary>ZMQ_HEARTBEAT_TIMEOUT.</summary>
    public TimeSpan HeartbeatTimeout { get => Ms(GetInt(SocketOption.HeartbeatTimeout)); set => Set(SocketOption.HeartbeatTimeout, ToMs(value)); }

    /// <summary>ZMQ_HELLO_MSG: sent to each new peer.</summary>
    public byte[]? HelloMessage { get => _hello; set { Set(SocketOption.HelloMsg, value ?? Array.Empty<byte>()); _hello = value; } }

    /// <summary>ZMQ_DISCONNECT_MSG: delivered when a peer disconnects.</summary>
    public byte[]? DisconnectMessage { get => _disconnect; set { Set(SocketOption.DisconnectMsg, value ?? Array.Empty<byte>()); _disconnect = value; } }

    /// <summary>ZMQ_REQ_RELAXED.</summary>
    public bool Relaxed { get => _relaxed; set { Set(SocketOption.ReqRelaxed, value); _relaxed = value; } }

    /// <summary>ZMQ_REQ_CORRELATE.</summary>
    public bool Correlate { get => _correlate; set { Set(SocketOption.ReqCorrelate, value); _correlate = value; } }
}
