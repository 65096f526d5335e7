using Zinc.Pipes;
using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Protocol;

/// <summary>
/// One ZMTP connection on an IO loop: greeting, the NULL mechanism's READY exchange (or the
/// identity frame of ZMTP 1.0/2.0 peers), then frames in both directions between the wire
/// and the session's pipe, with heartbeats. Everything runs on the loop thread; other threads
/// only wake it (<see cref="Wake"/>).
/// </summary>
internal sealed partial class ZmtpEngine : IConnectionEngine, IIoHandler, IIoWork, IParkRecheck, IDisposable
{
    // Refusing: the handshake failed after we told the peer why (ERROR); we wait for it to close.
    private enum Phase : byte { Greeting, Handshake, Active, Closed, Refusing }

    private readonly IoLoop _loop;
    private readonly IEngineSession _session;
    private readonly SocketOptions _options;
    private readonly SocketType _socketType;
    private readonly Greeting _greeting;
    private readonly FrameDecoder _decoder;
    private readonly FrameEncoder _encoder;
    private readonly int _batchSize;
    private readonly byte[] _identity;
    private IoRegistration? _registration;
    private Phase _phase;
    private Pipe? _pipe;
    private ZmtpVersion _version;
    private int _wakePosted;
    private bool _writeWaiting;
    private bool _inPump;

    public ZmtpEngine(IoLoop loop, int fd, IEngineSession session)
    {
        _loop = loop;
        Fd = fd;
        _session = session;
        _options = session.Options;
        _socketType = session.SocketType;
        _identity = _options.RoutingId ?? Array.Empty<byte>();
        _mechanism = CreateMechanism();
        _greeting = new Greeting(_socketType, _identity.Length, _mechanism.Name,
            asServer: _options.AsServer && _mechanism is not Security.NullMechanism);
        _decoder = new FrameDecoder(ZmtpVersion.V31, _options.MaxMsgSize);
        _batchSize = Math.Max(_options.OutBatchSize, FrameEncoder.MinBatch);
        _encoder = new FrameEncoder(Math.Max(_batchSize * 2, 64 * 1024));
        _handshakeTimer = new IoTimer(OnHandshakeTimeout);
        _heartbeatTimer = new IoTimer(OnHeartbeatTimer);
        _heartbeatTimeoutTimer = new IoTimer(OnHeartbeatTimeout);
        _ttlTimer = new IoTimer(OnTtlExpired);
    }

    public int Fd { get; }

    /// <summary>The version the greeting settled on.</summary>
    public ZmtpVersion Version => _version;

    public bool IsClosed => _phase == Phase.Closed;

    /// <summary>Starts the connection on the loop thread: send the signature, start reading.</summary>
    public void Start()
    {
        _registration = _loop.Register(Fd, this);
        Span<byte> signature = stackalloc byte[Greeting.SignatureSize];
        _greeting.WriteSignature(signature);
        _encoder.TryAppendRaw(signature);
        if (_options.HandshakeIvl > 0) _loop.Schedule(_handshakeTimer, _options.HandshakeIvl);
        _loop.StartReceiving(_registration);
        WritePending();
    }

    // ---- wake-ups from other threads ----

    /// <summary>The pipe has frames to send or credit to receive again. Any thread.</summary>
    public void Wake()
    {
        if (TryPumpFromCaller()) return;
        if (Volatile.Read(ref _wakePosted) == 0 && Interlocked.Exchange(ref _wakePosted, 1) == 0) _loop.Post(this);
    }

    void IIoWork.RunOnLoop()
    {
        Volatile.Write(ref _wakePosted, 0);
        if (_phase != Phase.Active) return;
        if (_inboundBlocked) RetryInbound();
        if (_phase == Phase.Active) PumpOut();
    }

    void IParkRecheck.RecheckParked()
    {
        _recheckQueued = false;
        if (_phase == Phase.Active && _outParked && _pipe!.In.CanRead) Wake();
    }

    // ---- IIoHandler ----

    void IIoHandler.OnReceived(ReadOnlySpan<byte> data)
    {
        if (_phase is Phase.Closed or Phase.Refusing) return;
        _receiveCount++;
        if (_inboundBlocked)
        {
            Stash(data);
            return;
        }
        Process(data);
    }

    void IIoHandler.OnReceiveClosed(int errno)
    {
        if (_phase == Phase.Refusing)
        {
            EndRefusal();
            return;
        }
        if (_phase == Phase.Active && _inboundBlocked)
        {
            // The peer is done, but what it sent before is still waiting for credit: deliver
            // that first (RetryInbound ends the connection once the stash is empty).
            _closedWhileBlocked = errno == 0 ? LibC.ECONNRESET : errno;
            return;
        }
        End(_phase == Phase.Active ? EngineEnd.Disconnected : EngineEnd.HandshakeFailed, errno == 0 ? LibC.ECONNRESET : errno);
    }

    private int _closedWhileBlocked;

    void IIoHandler.OnAccepted(int fd) => LibC.Close(fd);

    void IIoHandler.OnAcceptFailed(int errno)
    {
    }

    void IIoHandler.OnWritable()
    {
        _writeWaiting = false;
        if (_phase == Phase.Active) PumpOut();
        else WritePending();
    }

    /// <summary>Writes what the encoder holds; false if the connection ended or must wait for writable.</summary>
    private bool WritePending()
    {
        if (_writeWaiting || _phase == Phase.Closed) return false;
        int rc = _encoder.WriteTo(Fd);
        if (rc == 0) return true;
        if (rc == LibC.EAGAIN)
        {
            _writeWaiting = true;
            _loop.WaitWritable(_registration!);
            return false;
        }
        End(_phase == Phase.Active ? EngineEnd.Disconnected : EngineEnd.HandshakeFailed, rc);
        return false;
    }

    // ---- ending ----

    /// <summary>Closes the connection from the loop thread (unbind, disconnect, socket close with linger 0).</summary>
    public void Stop() => End(EngineEnd.Finished, 0);

    private void End(EngineEnd end, int errno)
    {
        if (_phase == Phase.Closed) return;
        bool wasActive = _phase == Phase.Active;
        EndLending();
        _phase = Phase.Closed;
        IoLoop.Cancel(_handshakeTimer);
        IoLoop.Cancel(_heartbeatTimer);
        IoLoop.Cancel(_heartbeatTimeoutTimer);
        IoLoop.Cancel(_ttlTimer);
        if (_registration is not null) _loop.Unregister(_registration);
        ReleaseInbound();
        lock (_sendLock)
        {
            // Under the send lock: a sender writing directly (TryPumpFromCaller, DrainFromSender)
            // holds it from its phase check to its last send(2), so the descriptor is never
            // closed, and its number handed to another file, in the middle of that write.
            LibC.Close(Fd);
            ReleaseOutbound();
            _encoder.Discard();
            _codec = null;
            _mechanism.Dispose(); // wipes the keys, closes a ZAP link still waiting
        }
        _decoder.Reset();
        if (wasActive && end == EngineEnd.HandshakeFailed) end = EngineEnd.Disconnected;
        _session.OnEngineEnded(this, end, errno);
        lock (_sendLock) _encoder.Dispose();
    }

    private void Fail(EngineEnd end, int errno)
    {
        End(_phase == Phase.Active && end != EngineEnd.Finished ? EngineEnd.Disconnected : end, errno);
    }

    public void Dispose() => Stop();
}
