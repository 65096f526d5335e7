namespace Zinc;

/// <summary>
/// Socket options, numbered exactly as libzmq numbers them (ZMQ_SNDHWM = 23 ...), including the DRAFT
/// options of libzmq 4.3.4 and the ones added on libzmq master. Deprecated libzmq aliases are kept as
/// aliases with the same value.
/// </summary>
public enum SocketOption
{
    /// <summary>ZMQ_AFFINITY: I/O thread affinity bitmap for new connections (uint64, default 0).</summary>
    Affinity = 4,
    /// <summary>ZMQ_ROUTING_ID: routing id presented to ROUTER peers (1..255 bytes, default none).</summary>
    RoutingId = 5,
    /// <summary>ZMQ_SUBSCRIBE: adds a message filter (binary prefix; set-only, SUB/XSUB/XPUB manual).</summary>
    Subscribe = 6,
    /// <summary>ZMQ_UNSUBSCRIBE: removes one instance of a message filter (binary prefix; set-only).</summary>
    Unsubscribe = 7,
    /// <summary>ZMQ_RATE: multicast data rate in kilobits per second (int, default 100).</summary>
    Rate = 8,
    /// <summary>ZMQ_RECOVERY_IVL: multicast recovery interval in milliseconds (int, default 10000).</summary>
    RecoveryIvl = 9,
    /// <summary>ZMQ_SNDBUF: kernel transmit buffer size in bytes; -1 leaves the OS default (int, default -1).</summary>
    SndBuf = 11,
    /// <summary>ZMQ_RCVBUF: kernel receive buffer size in bytes; -1 leaves the OS default (int, default -1).</summary>
    RcvBuf = 12,
    /// <summary>ZMQ_RCVMORE: whether the last part received has more parts to follow (int, get-only).</summary>
    RcvMore = 13,
    /// <summary>ZMQ_FD: file descriptor signalling socket events (get-only).</summary>
    Fd = 14,
    /// <summary>ZMQ_EVENTS: ZMQ_POLLIN/ZMQ_POLLOUT state of the socket (int, get-only).</summary>
    Events = 15,
    /// <summary>ZMQ_TYPE: the socket type (int, get-only).</summary>
    Type = 16,
    /// <summary>ZMQ_LINGER: linger period on close in milliseconds, -1 infinite (int, default -1).</summary>
    Linger = 17,
    /// <summary>ZMQ_RECONNECT_IVL: initial reconnection interval in milliseconds, -1 none (int, default 100).</summary>
    ReconnectIvl = 18,
    /// <summary>ZMQ_BACKLOG: listen backlog for connection-oriented transports (int, default 100).</summary>
    Backlog = 19,
    /// <summary>ZMQ_RECONNECT_IVL_MAX: maximum reconnection interval in milliseconds, 0 no backoff (int, default 0).</summary>
    ReconnectIvlMax = 21,
    /// <summary>ZMQ_MAXMSGSIZE: largest inbound message in bytes, -1 no limit (int64, default -1).</summary>
    MaxMsgSize = 22,
    /// <summary>ZMQ_SNDHWM: outbound high water mark in messages, 0 no limit (int, default 1000).</summary>
    SndHwm = 23,
    /// <summary>ZMQ_RCVHWM: inbound high water mark in messages, 0 no limit (int, default 1000).</summary>
    RcvHwm = 24,
    /// <summary>ZMQ_MULTICAST_HOPS: time-to-live of multicast packets (int, default 1).</summary>
    MulticastHops = 25,
    /// <summary>ZMQ_RCVTIMEO: receive timeout in milliseconds, -1 infinite (int, default -1).</summary>
    RcvTimeo = 27,
    /// <summary>ZMQ_SNDTIMEO: send timeout in milliseconds, -1 infinite (int, default -1).</summary>
    SndTimeo = 28,
    /// <summary>ZMQ_IPV4ONLY (deprecated, use <see cref="Ipv6"/>): the inverse of ZMQ_IPV6 (int, default 1).</summary>
    Ipv4Only = 31,
    /// <summary>ZMQ_LAST_ENDPOINT: the last endpoint bound, as a NUL-terminated string (get-only).</summary>
    LastEndpoint = 32,
    /// <summary>ZMQ_ROUTER_MANDATORY: ROUTER fails unroutable sends with EHOSTUNREACH (int 0/1, default 0).</summary>
    RouterMandatory = 33,
    /// <summary>ZMQ_TCP_KEEPALIVE: SO_KEEPALIVE override, -1 OS default (int -1/0/1, default -1).</summary>
    TcpKeepalive = 34,
    /// <summary>ZMQ_TCP_KEEPALIVE_CNT: TCP_KEEPCNT override, -1 OS default (int, default -1).</summary>
    TcpKeepaliveCnt = 35,
    /// <summary>ZMQ_TCP_KEEPALIVE_IDLE: TCP_KEEPIDLE override, -1 OS default (int, default -1).</summary>
    TcpKeepaliveIdle = 36,
    /// <summary>ZMQ_TCP_KEEPALIVE_INTVL: TCP_KEEPINTVL override, -1 OS default (int, default -1).</summary>
    TcpKeepaliveIntvl = 37,
    /// <summary>ZMQ_TCP_ACCEPT_FILTER (deprecated): adds an accepted peer CIDR; empty clears (string, set-only).</summary>
    TcpAcceptFilter = 38,
    /// <summary>ZMQ_IMMEDIATE: queue messages only to completed connections (int 0/1, default 0).</summary>
    Immediate = 39,
    /// <summary>ZMQ_XPUB_VERBOSE: XPUB passes duplicate subscriptions up (int 0/1, set-only, default 0).</summary>
    XpubVerbose = 40,
    /// <summary>ZMQ_ROUTER_RAW (deprecated, use STREAM): ROUTER speaks raw TCP (int 0/1, set-only, default 0).</summary>
    RouterRaw = 41,
    /// <summary>ZMQ_IPV6: enable IPv6 (dual-stack) on TCP sockets (int 0/1, default 0).</summary>
    Ipv6 = 42,
    /// <summary>ZMQ_MECHANISM: the current security mechanism, ZMQ_NULL/PLAIN/CURVE/GSSAPI (int, get-only).</summary>
    Mechanism = 43,
    /// <summary>ZMQ_PLAIN_SERVER: act as PLAIN server (int 0/1, default 0).</summary>
    PlainServer = 44,
    /// <summary>ZMQ_PLAIN_USERNAME: PLAIN client user name; selects PLAIN (string, default empty).</summary>
    PlainUsername = 45,
    /// <summary>ZMQ_PLAIN_PASSWORD: PLAIN client password; selects PLAIN (string, default empty).</summary>
    PlainPassword = 46,
    /// <summary>ZMQ_CURVE_SERVER: act as CURVE server (int 0/1, default 0).</summary>
    CurveServer = 47,
    /// <summary>ZMQ_CURVE_PUBLICKEY: long-term public key, 32 binary bytes or 40 Z85 chars (+NUL).</summary>
    CurvePublicKey = 48,
    /// <summary>ZMQ_CURVE_SECRETKEY: long-term secret key, 32 binary bytes or 40 Z85 chars (+NUL).</summary>
    CurveSecretKey = 49,
    /// <summary>ZMQ_CURVE_SERVERKEY: the server's public key (client side), 32 bytes or 40 Z85 chars (+NUL).</summary>
    CurveServerKey = 50,
    /// <summary>ZMQ_PROBE_ROUTER: send an empty message to new peers (int 0/1, set-only, default 0).</summary>
    ProbeRouter = 51,
    /// <summary>ZMQ_REQ_CORRELATE: REQ prefixes requests with a request id (int 0/1, set-only, default 0).</summary>
    ReqCorrelate = 52,
    /// <summary>ZMQ_REQ_RELAXED: REQ may send again before a reply arrives (int 0/1, set-only, default 0).</summary>
    ReqRelaxed = 53,
    /// <summary>ZMQ_CONFLATE: keep only the last message in each queue (int 0/1, default 0).</summary>
    Conflate = 54,
    /// <summary>ZMQ_ZAP_DOMAIN: RFC 27 authentication domain (string, default empty).</summary>
    ZapDomain = 55,
    /// <summary>ZMQ_ROUTER_HANDOVER: ROUTER hands a duplicate routing id over to the new peer (int 0/1, set-only).</summary>
    RouterHandover = 56,
    /// <summary>ZMQ_TOS: IP type-of-service byte for outgoing packets (int, default 0).</summary>
    Tos = 57,
    /// <summary>ZMQ_IPC_FILTER_PID (deprecated): adds an accepted IPC peer process id; empty clears (set-only).</summary>
    IpcFilterPid = 58,
    /// <summary>ZMQ_IPC_FILTER_UID (deprecated): adds an accepted IPC peer user id; empty clears (set-only).</summary>
    IpcFilterUid = 59,
    /// <summary>ZMQ_IPC_FILTER_GID (deprecated): adds an accepted IPC peer group id; empty clears (set-only).</summary>
    IpcFilterGid = 60,
    /// <summary>ZMQ_CONNECT_ROUTING_ID: routing id given to the peer of the next connect (binary, set-only).</summary>
    ConnectRoutingId = 61,
    /// <summary>ZMQ_GSSAPI_SERVER: act as GSSAPI server (int 0/1, default 0).</summary>
    GssapiServer = 62,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL: name of the GSSAPI principal (string, default empty).</summary>
    GssapiPrincipal = 63,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL: name of the GSSAPI service principal (string, default empty).</summary>
    GssapiServicePrincipal = 64,
    /// <summary>ZMQ_GSSAPI_PLAINTEXT: disable GSSAPI encryption (int 0/1, default 0).</summary>
    GssapiPlaintext = 65,
    /// <summary>ZMQ_HANDSHAKE_IVL: maximum ZMTP handshake time in milliseconds, 0 none (int, default 30000).</summary>
    HandshakeIvl = 66,
    /// <summary>ZMQ_SOCKS_PROXY: SOCKS5 proxy address for TCP connects (string, default empty).</summary>
    SocksProxy = 68,
    /// <summary>ZMQ_XPUB_NODROP: XPUB/PUB return EAGAIN instead of dropping at SNDHWM (int 0/1, set-only).</summary>
    XpubNodrop = 69,
    /// <summary>ZMQ_BLOCKY: a context option (zmq_ctx_set); libzmq rejects it on sockets with EINVAL.</summary>
    Blocky = 70,
    /// <summary>ZMQ_XPUB_MANUAL: XPUB subscriptions are managed by the application (int 0/1, set-only).</summary>
    XpubManual = 71,
    /// <summary>ZMQ_XPUB_WELCOME_MSG: message sent to each new subscriber; empty disables (binary, set-only).</summary>
    XpubWelcomeMsg = 72,
    /// <summary>ZMQ_STREAM_NOTIFY: STREAM delivers connect/disconnect notifications (int 0/1, set-only, default 1).</summary>
    StreamNotify = 73,
    /// <summary>ZMQ_INVERT_MATCHING: invert PUB/SUB prefix matching (int 0/1, default 0).</summary>
    InvertMatching = 74,
    /// <summary>ZMQ_HEARTBEAT_IVL: interval between ZMTP PINGs in milliseconds, 0 none (int, default 0).</summary>
    HeartbeatIvl = 75,
    /// <summary>ZMQ_HEARTBEAT_TTL: TTL announced in PINGs, milliseconds rounded down to 100 ms (int, default 0).</summary>
    HeartbeatTtl = 76,
    /// <summary>ZMQ_HEARTBEAT_TIMEOUT: time to wait for traffic after a PING, -1 uses the interval (int, default -1).</summary>
    HeartbeatTimeout = 77,
    /// <summary>ZMQ_XPUB_VERBOSER: XPUB passes duplicate subscribes and unsubscribes up (int 0/1, set-only).</summary>
    XpubVerboser = 78,
    /// <summary>ZMQ_CONNECT_TIMEOUT: TCP connect timeout in milliseconds, 0 disabled (int, default 0).</summary>
    ConnectTimeout = 79,
    /// <summary>ZMQ_TCP_MAXRT: TCP maximum retransmit timeout in milliseconds, 0 OS default (int, default 0).</summary>
    TcpMaxRt = 80,
    /// <summary>ZMQ_THREAD_SAFE: whether the socket is thread-safe (int, get-only).</summary>
    ThreadSafe = 81,
    /// <summary>ZMQ_MULTICAST_MAXTPDU: maximum multicast transport data unit in bytes (int, default 1500).</summary>
    MulticastMaxTpdu = 84,
    /// <summary>ZMQ_VMCI_BUFFER_SIZE: VMCI buffer size in bytes (uint64, default 65546).</summary>
    VmciBufferSize = 85,
    /// <summary>ZMQ_VMCI_BUFFER_MIN_SIZE: VMCI minimum buffer size in bytes (uint64, default 128).</summary>
    VmciBufferMinSize = 86,
    /// <summary>ZMQ_VMCI_BUFFER_MAX_SIZE: VMCI maximum buffer size in bytes (uint64, default 262144).</summary>
    VmciBufferMaxSize = 87,
    /// <summary>ZMQ_VMCI_CONNECT_TIMEOUT: VMCI connect timeout in milliseconds (int, default -1).</summary>
    VmciConnectTimeout = 88,
    /// <summary>ZMQ_USE_FD: pre-allocated listening file descriptor, -1 none (int, default -1).</summary>
    UseFd = 89,
    /// <summary>ZMQ_GSSAPI_PRINCIPAL_NAMETYPE: name type of the GSSAPI principal, 0..2 (int, default 0).</summary>
    GssapiPrincipalNameType = 90,
    /// <summary>ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE: name type of the service principal, 0..2 (int, default 0).</summary>
    GssapiServicePrincipalNameType = 91,
    /// <summary>ZMQ_BINDTODEVICE: network device (interface or VRF) to bind to (string, default empty).</summary>
    BindToDevice = 92,
    /// <summary>ZMQ_ZAP_ENFORCE_DOMAIN (draft): require a ZAP domain strictly per RFC 27 (int 0/1, default 0).</summary>
    ZapEnforceDomain = 93,
    /// <summary>ZMQ_LOOPBACK_FASTPATH (draft): Windows TCP loopback fast path (int 0/1, default 0).</summary>
    LoopbackFastpath = 94,
    /// <summary>ZMQ_METADATA (draft): adds an application metadata property "X-key:value" (string, set-only).</summary>
    Metadata = 95,
    /// <summary>ZMQ_MULTICAST_LOOP (draft): loop multicast UDP back to local listeners (int 0/1, default 1).</summary>
    MulticastLoop = 96,
    /// <summary>ZMQ_ROUTER_NOTIFY (draft): ROUTER connect/disconnect notification flags, 0..3 (int, default 0).</summary>
    RouterNotify = 97,
    /// <summary>ZMQ_XPUB_MANUAL_LAST_VALUE (draft): manual XPUB with last-value-cache delivery (int 0/1, set-only).</summary>
    XpubManualLastValue = 98,
    /// <summary>ZMQ_SOCKS_USERNAME (draft): SOCKS5 user name; selects basic authentication (string).</summary>
    SocksUsername = 99,
    /// <summary>ZMQ_SOCKS_PASSWORD (draft): SOCKS5 password (string).</summary>
    SocksPassword = 100,
    /// <summary>ZMQ_IN_BATCH_SIZE (draft): maximal receive batch size, positive (int, default 8192).</summary>
    InBatchSize = 101,
    /// <summary>ZMQ_OUT_BATCH_SIZE (draft): maximal send batch size, positive (int, default 8192).</summary>
    OutBatchSize = 102,
    /// <summary>ZMQ_WSS_KEY_PEM (draft): PEM private key for WSS (string, set-only).</summary>
    WssKeyPem = 103,
    /// <summary>ZMQ_WSS_CERT_PEM (draft): PEM certificate for WSS (string, set-only).</summary>
    WssCertPem = 104,
    /// <summary>ZMQ_WSS_TRUST_PEM (draft): PEM trust anchors for WSS (string, set-only).</summary>
    WssTrustPem = 105,
    /// <summary>ZMQ_WSS_HOSTNAME (draft): host name verified on WSS connects (string, set-only).</summary>
    WssHostname = 106,
    /// <summary>ZMQ_WSS_TRUST_SYSTEM (draft): trust the system certificate store for WSS (int 0/1, set-only).</summary>
    WssTrustSystem = 107,
    /// <summary>ZMQ_ONLY_FIRST_SUBSCRIBE (draft): only the first part of a multipart message is a subscription (int 0/1, set-only).</summary>
    OnlyFirstSubscribe = 108,
    /// <summary>ZMQ_RECONNECT_STOP (draft): conditions that stop reconnection, a bit mask (int, default 0).</summary>
    ReconnectStop = 109,
    /// <summary>ZMQ_HELLO_MSG (draft): message sent to each new peer; empty disables (binary, set-only).</summary>
    HelloMsg = 110,
    /// <summary>ZMQ_DISCONNECT_MSG (draft): message delivered when an accepted peer disconnects (binary, set-only).</summary>
    DisconnectMsg = 111,
    /// <summary>ZMQ_PRIORITY (draft): SO_PRIORITY for outgoing packets (int, default 0).</summary>
    Priority = 112,
    /// <summary>ZMQ_BUSY_POLL (draft, libzmq master): enable SO_BUSY_POLL (int 0/1, default 0).</summary>
    BusyPoll = 113,
    /// <summary>ZMQ_HICCUP_MSG (draft, libzmq master): message delivered when a connected peer drops (binary, set-only).</summary>
    HiccupMsg = 114,
    /// <summary>ZMQ_XSUB_VERBOSE_UNSUBSCRIBE (draft, libzmq master): XSUB passes duplicate unsubscribes (int 0/1, set-only).</summary>
    XsubVerboseUnsubscribe = 115,
    /// <summary>ZMQ_TOPICS_COUNT (draft, libzmq master): number of subscribed topics (int, get-only).</summary>
    TopicsCount = 116,
    /// <summary>ZMQ_NORM_MODE (draft, libzmq master): NORM sender mode 0..4 (int, default 1, ZMQ_NORM_CC).</summary>
    NormMode = 117,
    /// <summary>ZMQ_NORM_UNICAST_NACK (draft, libzmq master): NORM receivers NACK by unicast (int 0/1, default 0).</summary>
    NormUnicastNack = 118,
    /// <summary>ZMQ_NORM_BUFFER_SIZE (draft, libzmq master): NORM buffer size in kilobytes (int, default 2048).</summary>
    NormBufferSize = 119,
    /// <summary>ZMQ_NORM_SEGMENT_SIZE (draft, libzmq master): NORM segment size in bytes (int, default 1400).</summary>
    NormSegmentSize = 120,
    /// <summary>ZMQ_NORM_BLOCK_SIZE (draft, libzmq master): NORM FEC block size, 1..255 (int, default 16).</summary>
    NormBlockSize = 121,
    /// <summary>ZMQ_NORM_NUM_PARITY (draft, libzmq master): NORM parity segments per block (int, default 4).</summary>
    NormNumParity = 122,
    /// <summary>ZMQ_NORM_NUM_AUTOPARITY (draft, libzmq master): proactive NORM parity segments (int, default 0).</summary>
    NormNumAutoparity = 123,
    /// <summary>ZMQ_NORM_PUSH (draft, libzmq master): NORM push mode (int 0/1, default 0).</summary>
    NormPush = 124,

    /// <summary>ZMQ_IDENTITY: deprecated alias of <see cref="RoutingId"/>.</summary>
    Identity = RoutingId,
    /// <summary>ZMQ_CONNECT_RID: deprecated alias of <see cref="ConnectRoutingId"/>.</summary>
    ConnectRid = ConnectRoutingId,
    /// <summary>ZMQ_DELAY_ATTACH_ON_CONNECT: deprecated alias of <see cref="Immediate"/>.</summary>
    DelayAttachOnConnect = Immediate,
    /// <summary>ZMQ_FAIL_UNROUTABLE: deprecated alias of <see cref="RouterMandatory"/>.</summary>
    FailUnroutable = RouterMandatory,
    /// <summary>ZMQ_ROUTER_BEHAVIOR: deprecated alias of <see cref="RouterMandatory"/>.</summary>
    RouterBehavior = RouterMandatory,
}
