using System.Text;

namespace Zinc;

// Typed read access for the engine: fixed array slots, no lookup, no allocation (except the string
// properties, which decode on each call and are meant for connect-time code).
internal sealed partial class SocketOptions
{
    private int Int(SocketOption option) => (int)_scalars[(int)option];
    private bool Flag(SocketOption option) => _scalars[(int)option] != 0;
    private byte[]? Blob(SocketOption option) => _blobs[(int)option];
    private string? Text(SocketOption option) => _blobs[(int)option] is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    // ---- queues and timeouts ----

    /// <summary>ZMQ_SNDHWM (default 1000; 0 means no limit).</summary>
    public int SndHwm => Int(SocketOption.SndHwm);
    /// <summary>ZMQ_RCVHWM (default 1000; 0 means no limit).</summary>
    public int RcvHwm => Int(SocketOption.RcvHwm);
    /// <summary>ZMQ_CONFLATE (default false).</summary>
    public bool Conflate => Flag(SocketOption.Conflate);
    /// <summary>ZMQ_MAXMSGSIZE in bytes (default -1, no limit).</summary>
    public long MaxMsgSize => _scalars[(int)SocketOption.MaxMsgSize];
    /// <summary>ZMQ_IN_BATCH_SIZE (default 8192).</summary>
    public int InBatchSize => Int(SocketOption.InBatchSize);
    /// <summary>ZMQ_OUT_BATCH_SIZE (default 8192).</summary>
    public int OutBatchSize => Int(SocketOption.OutBatchSize);
    /// <summary>ZMQ_LINGER in milliseconds (default -1, infinite).</summary>
    public int Linger => Int(SocketOption.Linger);
    /// <summary>ZMQ_SNDTIMEO in milliseconds (default -1, infinite).</summary>
    public int SndTimeo => Int(SocketOption.SndTimeo);
    /// <summary>ZMQ_RCVTIMEO in milliseconds (default -1, infinite).</summary>
    public int RcvTimeo => Int(SocketOption.RcvTimeo);
    /// <summary>ZMQ_AFFINITY bitmap (default 0).</summary>
    public ulong Affinity => unchecked((ulong)_scalars[(int)SocketOption.Affinity]);

    // ---- identity ----

    /// <summary>ZMQ_ROUTING_ID, or null when not set. Do not modify the returned array.</summary>
    public byte[]? RoutingId => Blob(SocketOption.RoutingId);
    /// <summary>ZMQ_CONNECT_ROUTING_ID pending for the next connect, or null. Do not modify the array.</summary>
    public byte[]? ConnectRoutingId => Blob(SocketOption.ConnectRoutingId);

    /// <summary>Returns ZMQ_CONNECT_ROUTING_ID and clears it: libzmq applies it to the next connect only.</summary>
    public byte[]? TakeConnectRoutingId()
    {
        byte[]? id = _blobs[(int)SocketOption.ConnectRoutingId];
        _blobs[(int)SocketOption.ConnectRoutingId] = null;
        return id;
    }

    // ---- connections ----

    /// <summary>ZMQ_IMMEDIATE (default false).</summary>
    public bool Immediate => Flag(SocketOption.Immediate);
    /// <summary>ZMQ_RECONNECT_IVL in milliseconds (default 100; -1 means no reconnection).</summary>
    public int ReconnectIvl => Int(SocketOption.ReconnectIvl);
    /// <summary>ZMQ_RECONNECT_IVL_MAX in milliseconds (default 0: no exponential backoff).</summary>
    public int ReconnectIvlMax => Int(SocketOption.ReconnectIvlMax);
    /// <summary>ZMQ_RECONNECT_STOP flags (1 conn refused, 2 handshake failed, 4 after disconnect).</summary>
    public int ReconnectStop => Int(SocketOption.ReconnectStop);
    /// <summary>ZMQ_BACKLOG (default 100).</summary>
    public int Backlog => Int(SocketOption.Backlog);
    /// <summary>ZMQ_HANDSHAKE_IVL in milliseconds (default 30000; 0 means no limit).</summary>
    public int HandshakeIvl => Int(SocketOption.HandshakeIvl);
    /// <summary>ZMQ_CONNECT_TIMEOUT in milliseconds (default 0, disabled).</summary>
    public int ConnectTimeout => Int(SocketOption.ConnectTimeout);
    /// <summary>ZMQ_HEARTBEAT_IVL in milliseconds (default 0, no heartbeats).</summary>
    public int HeartbeatIvl => Int(SocketOption.HeartbeatIvl);
    /// <summary>ZMQ_HEARTBEAT_TTL in milliseconds, a multiple of 100 (default 0).</summary>
    public int HeartbeatTtl => Int(SocketOption.HeartbeatTtl);
    /// <summary>ZMQ_HEARTBEAT_TIMEOUT as set (default -1: use the heartbeat interval).</summary>
    public int HeartbeatTimeout => Int(SocketOption.HeartbeatTimeout);
    /// <summary>The heartbeat timeout in force: ZMQ_HEARTBEAT_TIMEOUT, or ZMQ_HEARTBEAT_IVL when unset.</summary>
    public int EffectiveHeartbeatTimeout => HeartbeatTimeout == -1 ? HeartbeatIvl : HeartbeatTimeout;

    // ---- transport ----

    /// <summary>ZMQ_IPV6 (default false).</summary>
    public bool Ipv6 => Flag(SocketOption.Ipv6);
    /// <summary>ZMQ_SNDBUF in bytes (default -1, OS default).</summary>
    public int SndBuf => Int(SocketOption.SndBuf);
    /// <summary>ZMQ_RCVBUF in bytes (default -1, OS default).</summary>
    public int RcvBuf => Int(SocketOption.RcvBuf);
    /// <summary>ZMQ_TOS (default 0).</summary>
    public int Tos => Int(SocketOption.Tos);
    /// <summary>ZMQ_PRIORITY (default 0).</summary>
    public int Priority => Int(SocketOption.Priority);
    /// <summary>ZMQ_BUSY_POLL (default false).</summary>
    public bool BusyPoll => Flag(SocketOption.BusyPoll);
    /// <summary>ZMQ_TCP_KEEPALIVE (-1 OS default, 0 off, 1 on).</summary>
    public int TcpKeepalive => Int(SocketOption.TcpKeepalive);
    /// <summary>ZMQ_TCP_KEEPALIVE_CNT (-1 OS default).</summary>
    public int TcpKeepaliveCnt => Int(SocketOption.TcpKeepaliveCnt);
    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE (-1 OS default).</summary>
    public int TcpKeepaliveIdle => Int(SocketOption.TcpKeepaliveIdle);
    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL (-1 OS default).</summary>
    public int TcpKeepaliveIntvl => Int(SocketOption.TcpKeepaliveIntvl);
    /// <summary>ZMQ_TCP_MAXRT in milliseconds (0 OS default).</summary>
    public int TcpMaxRt => Int(SocketOption.TcpMaxRt);
    /// <summary>ZMQ_USE_FD (default -1).</summary>
    public int UseFd => Int(SocketOption.UseFd);
    /// <summary>ZMQ_BINDTODEVICE, or null when not set.</summary>
    public string? BindToDevice => Text(SocketOption.BindToDevice);
    /// <summary>ZMQ_SOCKS_PROXY, or null when not set.</summary>
    public string? SocksProxy => Text(SocketOption.SocksProxy);
    /// <summary>ZMQ_SOCKS_USERNAME, or null when not set.</summary>
    public string? SocksUsername => Text(SocketOption.SocksUsername);
    /// <summary>ZMQ_SOCKS_PASSWORD, or null when not set.</summary>
    public string? SocksPassword => Text(SocketOption.SocksPassword);
    /// <summary>ZMQ_LOOPBACK_FASTPATH (default false).</summary>
    public bool LoopbackFastpath => Flag(SocketOption.LoopbackFastpath);
    /// <summary>ZMQ_RATE in kilobits per second (default 100).</summary>
    public int Rate => Int(SocketOption.Rate);
    /// <summary>ZMQ_RECOVERY_IVL in milliseconds (default 10000).</summary>
    public int RecoveryIvl => Int(SocketOption.RecoveryIvl);
    /// <summary>ZMQ_MULTICAST_HOPS (default 1).</summary>
    public int MulticastHops => Int(SocketOption.MulticastHops);
    /// <summary>ZMQ_MULTICAST_MAXTPDU in bytes (default 1500).</summary>
    public int MulticastMaxTpdu => Int(SocketOption.MulticastMaxTpdu);
    /// <summary>ZMQ_MULTICAST_LOOP (default true).</summary>
    public bool MulticastLoop => Flag(SocketOption.MulticastLoop);
    /// <summary>ZMQ_TCP_ACCEPT_FILTER entries ("address[/bits]"); empty when none.</summary>
    public IReadOnlyList<string> TcpAcceptFilters => (IReadOnlyList<string>?)_tcpAcceptFilters ?? Array.Empty<string>();
    /// <summary>ZMQ_IPC_FILTER_PID entries, or null when none.</summary>
    public IReadOnlySet<int>? IpcFilterPids => _ipcFilterPids;
    /// <summary>ZMQ_IPC_FILTER_UID entries, or null when none.</summary>
    public IReadOnlySet<int>? IpcFilterUids => _ipcFilterUids;
    /// <summary>ZMQ_IPC_FILTER_GID entries, or null when none.</summary>
    public IReadOnlySet<int>? IpcFilterGids => _ipcFilterGids;
    /// <summary>ZMQ_METADATA properties ("X-..." name to value), or null when none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata => _metadata;

    // ---- security ----

    /// <summary>ZMQ_MECHANISM: <see cref="MechanismNull"/>, Plain, Curve or Gssapi.</summary>
    public int Mechanism => _mechanism;
    /// <summary>Whether the socket takes the server role of its mechanism.</summary>
    public bool AsServer => _asServer;
    /// <summary>ZMQ_PLAIN_USERNAME, or null when not set.</summary>
    public string? PlainUsername => Text(SocketOption.PlainUsername);
    /// <summary>ZMQ_PLAIN_PASSWORD, or null when not set.</summary>
    public string? PlainPassword => Text(SocketOption.PlainPassword);
    /// <summary>ZMQ_CURVE_PUBLICKEY (32 bytes), or null when not set. Do not modify the array.</summary>
    public byte[]? CurvePublicKey => Blob(SocketOption.CurvePublicKey);
    /// <summary>ZMQ_CURVE_SECRETKEY (32 bytes), or null when not set. Do not modify the array.</summary>
    public byte[]? CurveSecretKey => Blob(SocketOption.CurveSecretKey);
    /// <summary>ZMQ_CURVE_SERVERKEY (32 bytes), or null when not set. Do not modify the array.</summary>
    public byte[]? CurveServerKey => Blob(SocketOption.CurveServerKey);
    /// <summary>ZMQ_ZAP_DOMAIN (default empty: no ZAP unless enforced).</summary>
    public string ZapDomain => Text(SocketOption.ZapDomain) ?? string.Empty;
    /// <summary>ZMQ_ZAP_ENFORCE_DOMAIN (default false).</summary>
    public bool ZapEnforceDomain => Flag(SocketOption.ZapEnforceDomain);
    /// <summary>ZMQ_GSSAPI_PRINCIPAL, or null when not set.</summary>
    public string? GssapiPrincipal => Text(SocketOption.GssapiPrincipal);
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL, or null when not set.</summary>
    public string? GssapiServicePrincipal => Text(SocketOption.GssapiServicePrincipal);
    /// <summary>ZMQ_GSSAPI_PLAINTEXT (default false).</summary>
    public bool GssapiPlaintext => Flag(SocketOption.GssapiPlaintext);

    // ---- socket types ----

    /// <summary>ZMQ_ROUTER_MANDATORY (default false).</summary>
    public bool RouterMandatory => Flag(SocketOption.RouterMandatory);
    /// <summary>ZMQ_ROUTER_HANDOVER (default false).</summary>
    public bool RouterHandover => Flag(SocketOption.RouterHandover);
    /// <summary>ZMQ_ROUTER_RAW (default false).</summary>
    public bool RouterRaw => Flag(SocketOption.RouterRaw);
    /// <summary>ZMQ_ROUTER_NOTIFY flags (1 connect, 2 disconnect; default 0).</summary>
    public int RouterNotify => Int(SocketOption.RouterNotify);
    /// <summary>ZMQ_PROBE_ROUTER (default false).</summary>
    public bool ProbeRouter => Flag(SocketOption.ProbeRouter);
    /// <summary>ZMQ_STREAM_NOTIFY (default true).</summary>
    public bool StreamNotify => Flag(SocketOption.StreamNotify);
    /// <summary>ZMQ_REQ_RELAXED (default false).</summary>
    public bool ReqRelaxed => Flag(SocketOption.ReqRelaxed);
    /// <summary>ZMQ_REQ_CORRELATE (default false).</summary>
    public bool ReqCorrelate => Flag(SocketOption.ReqCorrelate);
    /// <summary>ZMQ_XPUB_VERBOSE (default false).</summary>
    public bool XpubVerbose => Flag(SocketOption.XpubVerbose);
    /// <summary>ZMQ_XPUB_VERBOSER (default false).</summary>
    public bool XpubVerboser => Flag(SocketOption.XpubVerboser);
    /// <summary>ZMQ_XPUB_MANUAL (default false).</summary>
    public bool XpubManual => Flag(SocketOption.XpubManual);
    /// <summary>ZMQ_XPUB_MANUAL_LAST_VALUE (default false).</summary>
    public bool XpubManualLastValue => Flag(SocketOption.XpubManualLastValue);
    /// <summary>ZMQ_XPUB_NODROP (default false).</summary>
    public bool XpubNodrop => Flag(SocketOption.XpubNodrop);
    /// <summary>ZMQ_XPUB_WELCOME_MSG, or null when disabled. Do not modify the array.</summary>
    public byte[]? XpubWelcomeMsg => Blob(SocketOption.XpubWelcomeMsg);
    /// <summary>ZMQ_INVERT_MATCHING (default false).</summary>
    public bool InvertMatching => Flag(SocketOption.InvertMatching);
    /// <summary>ZMQ_ONLY_FIRST_SUBSCRIBE (default false).</summary>
    public bool OnlyFirstSubscribe => Flag(SocketOption.OnlyFirstSubscribe);
    /// <summary>ZMQ_XSUB_VERBOSE_UNSUBSCRIBE (default false).</summary>
    public bool XsubVerboseUnsubscribe => Flag(SocketOption.XsubVerboseUnsubscribe);
    /// <summary>ZMQ_HELLO_MSG, or null when disabled. Do not modify the array.</summary>
    public byte[]? HelloMsg => Blob(SocketOption.HelloMsg);
    /// <summary>ZMQ_DISCONNECT_MSG, or null when disabled. Do not modify the array.</summary>
    public byte[]? DisconnectMsg => Blob(SocketOption.DisconnectMsg);
    /// <summary>ZMQ_HICCUP_MSG, or null when disabled. Do not modify the array.</summary>
    public byte[]? HiccupMsg => Blob(SocketOption.HiccupMsg);
}
