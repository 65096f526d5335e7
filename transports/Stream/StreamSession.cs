using Zinc.Core;
using Zinc.Monitoring;
using Zinc.Pipes;
using Zinc.Protocol;
using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Transports.Stream;

/// <summary>
/// The socket's side of one tcp or ipc link: it owns the pipe to the socket and the current
/// engine (a <see cref="ZmtpEngine"/>, or a <see cref="RawStreamEngine"/> for a STREAM socket).
/// An accepted session lives as long as its one connection; a
/// connecting session (<see cref="ForConnect"/>) keeps its pipe
/// across reconnects, so messages sent while disconnected are queued, as with libzmq.
/// Runs on its loop's thread; the socket reaches it through posted work and the pipe's wakes.
/// </summary>
internal sealed partial class StreamSession : IEngineSession, IPipeOwner, IIoWork, IOutboundDrain, IInboundPump
{
    private readonly Socket _socket;
    private readonly IoLoop _loop;
    private readonly StreamListener? _listener;
    private readonly byte[]? _connectRoutingId;
    private readonly IoTimer _lingerTimer;
    private Pipe? _pipe;
    private IConnectionEngine? _engine;
    private bool _ended;
    private bool _connectedBefore;
    private int _stopRequested;
    private int _workPosted;

    private StreamSession(Socket socket, IoLoop loop, SocketOptions options, string endpoint, StreamListener? listener)
    {
        _socket = socket;
        _loop = loop;
        Options = options;
        SocketType = socket.Type;
        EventEndpoint = endpoint;
        _listener = listener;
        _connectRoutingId = listener is null ? options.ConnectRoutingId : null;
        _lingerTimer = new IoTimer(() => Stop());
    }

    /// <summary>A session for a connection a listener accepted; call <see cref="StartAccepted"/> on the loop.</summary>
    public static StreamSession ForAccepted(Socket socket, IoLoop loop, SocketOptions options, string endpoint, StreamListener listener) =>
        new(socket, loop, options, endpoint, listener);

    public SocketOptions Options { get; }

    public SocketType SocketType { get; }

    public string EventEndpoint { get; }

    public bool OutboundMidMessage { get; set; }

    public Socket Socket => _socket;

    /// <summary>Loop thread: runs the engine for an accepted descriptor.</summary>
    public void StartAccepted(int fd)
    {
        _socket.Context.OnSessionStarted();
        StartEngine(fd);
    }

    private void StartEngine(int fd)
    {
        _engineEndpoints = EngineEndpoints(fd);
        IConnectionEngine engine = SocketType == SocketType.Stream
            ? new RawStreamEngine(_loop, fd, this)
            : new ZmtpEngine(_loop, fd, this);
        Volatile.Write(ref _engine, engine);
        engine.Start();
    }

    // What the engine's events (handshake, disconnect) report, as libzmq: both ends' real
    // addresses for an accepted connection; the real local one and the endpoint as written for
    // a connection this side made. Looked up only for a monitored socket (two system calls and
    // two strings a connection otherwise thrown away); a monitor started later sees the
    // endpoint as written for connections that were already up.
    private EndpointPair _engineEndpoints;

    private EndpointPair EngineEndpoints(int fd)
    {
        if (!_socket.IsMonitored)
            return _listener is not null ? EndpointPair.ForBind(EventEndpoint) : EndpointPair.ForConnect(EventEndpoint);
        string local = SockAddr.LocalOf(fd).ToEndpoint();
        return _listener is not null
            ? new EndpointPair(local, SockAddr.PeerOf(fd).ToEndpoint(), Bound: true)
            : new EndpointPair(local, EventEndpoint, Bound: false);
    }

    // ---- the pipe to the socket ----

    // The socket's end of the pipe is made here for accepted links and for connecting ROUTERs
    // (whose peers are known only after the handshake), else when the socket connects.
    private Pipe CreatePipe(byte[]? peerRoutingId, bool attachDirectly)
    {
        bool conflate = Options.Conflate;
        // The socket's marks alone make a network link's credit (no peer socket adds a share).
        (Pipe socketEnd, Pipe sessionEnd) = Pipe.CreatePair(
            RingLimit.Writer(Options.SndHwm), RingLimit.Reader(Options.RcvHwm),
            conflateAToB: conflate && SocketType is not (SocketType.Sub or SocketType.XSub),
            conflateBToA: conflate && SocketType is not (SocketType.Pub or SocketType.XPub));
        socketEnd.Endpoint = EventEndpoint;
        socketEnd.UsesLinger = true;
        socketEnd.Drain = this;
        if (SocketType != SocketType.Stream) socketEnd.Pump = this;
        socketEnd.PeerRoutingId = _connectRoutingId ?? peerRoutingId;
        sessionEnd.Attach(this);
        _pipe = sessionEnd;
        if (attachDirectly) _socket.AttachPipe(socketEnd);
        else _socket.Post(new Command(CommandKind.Attach, socketEnd));
        return sessionEnd;
    }

    Core.InprocRegistry IEngineSession.Inproc => _socket.Context.Inproc;

    Pipe? IEngineSession.OnHandshakeSucceeded(IConnectionEngine engine, byte[]? peerRoutingId)
    {
        Pipe? pipe = PipeForConnection(peerRoutingId);
        if (pipe is not null) _socket.EmitEvent(SocketEvents.HandshakeSucceeded, 0, _engineEndpoints);
        return pipe;
    }

    Pipe? IEngineSession.OnRawConnected(IConnectionEngine engine) => PipeForConnection(null);

    private Pipe? PipeForConnection(byte[]? peerRoutingId)
    {
        if (_stopRequested != 0) return null;
        bool reused = _pipe is not null; // a new pipe's Attach tells the socket everything already
        Pipe pipe = _pipe ?? CreatePipe(peerRoutingId, attachDirectly: false);
        if (pipe.IsClosed || pipe.PeerClosed && !pipe.CanRead) return null;
        // The pipe outlived an earlier connection: the socket resends what a new peer must know
        // (SUB and XSUB: their subscriptions), as libzmq's session does with a hiccup.
        if (reused && _connectedBefore && SocketType is SocketType.Sub or SocketType.XSub && !pipe.PeerClosed)
            _socket.Post(new Command(CommandKind.Hiccup, pipe.Peer));
        _connectedBefore = true;
        OnConnectionUp();
        return pipe;
    }

    void IEngineSession.OnEngineEnded(IConnectionEngine engine, EngineEnd end, int errno)
    {
        if (_engine == engine) Volatile.Write(ref _engine, null);
        switch (end)
        {
            case EngineEnd.HandshakeFailed:
                _socket.EmitEvent(SocketEvents.HandshakeFailedNoDetail, errno, _engineEndpoints);
                break;
            case EngineEnd.HandshakeProtocol:
                _socket.EmitEvent(SocketEvents.HandshakeFailedProtocol, errno, _engineEndpoints);
                break;
            case EngineEnd.HandshakeAuth:
                _socket.EmitEvent(SocketEvents.HandshakeFailedAuth, errno, _engineEndpoints);
                break;
        }
        // A link this side ended (zmq_disconnect, unbind, close) reports nothing, as libzmq's
        // (checked with python3-zmq): DISCONNECTED means the peer or the network ended it.
        if (_stopRequested == 0 && end != EngineEnd.Finished) _socket.EmitEvent(SocketEvents.Disconnected, engine.Fd, _engineEndpoints);
        bool handshakeFailed = end is EngineEnd.HandshakeFailed or EngineEnd.HandshakeProtocol or EngineEnd.HandshakeAuth;
        // A protocol or authentication failure ends a connecting session for good, as in libzmq:
        // reconnecting would only be refused again (and ask the peer's ZAP handler again).
        bool protocolError = end is EngineEnd.HandshakeProtocol or EngineEnd.HandshakeAuth;
        if (end == EngineEnd.Finished || protocolError || _listener is not null || _stopRequested != 0 || PipeDone())
        {
            Terminate();
            return;
        }
        OnConnectionLost(handshakeFailed, end == EngineEnd.Disconnected);
    }

    // The socket closed its end and there is nothing left to send: the link is finished.
    private bool PipeDone() => _pipe is not null && _pipe.PeerClosed && !_pipe.CanRead;

    /// <summary>Ends the session: closes the pipe (the socket drains what it holds) and leaves the listener.</summary>
    private void Terminate()
    {
        if (_ended) return;
        _ended = true;
        IoLoop.Cancel(_lingerTimer);
        CancelReconnect();
        byte[]? disconnectMsg = Options.DisconnectMsg;
        if (_pipe is not null && !_pipe.IsClosed)
        {
            if (disconnectMsg is not null && !_pipe.PeerClosed)
            {
                Msg notice = Msg.Copy(disconnectMsg);
                if (_pipe.TryWrite(ref notice)) _pipe.Flush();
                else notice.Close();
            }
            _pipe.Close(discard: false);
        }
        _listener?.OnSessionEnded(this);
        _socket.Context.OnSessionEnded();
    }

    // ---- requests from the socket's thread ----

    /// <summary>Disconnect, unbind or socket close: end the link now. Any thread.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _stopRequested, 1);
        PostWork();
    }

    private void PostWork()
    {
        if (Interlocked.Exchange(ref _workPosted, 1) == 0) _loop.Post(this);
    }

    void IIoWork.RunOnLoop()
    {
        Volatile.Write(ref _workPosted, 0);
        if (_ended) return;
        if (_stopRequested != 0)
        {
            if (_engine is { } engine) engine.Stop(); // ends through OnEngineEnded
            else Terminate();
            return;
        }
        if (_pipe is null || !_pipe.PeerClosed) return;
        // The socket closed its end (socket close, or zmq_disconnect of this link): an engine
        // drains the rest within LINGER; with no connection, what is queued can only go out if
        // we connect before LINGER runs out. Once the pipe is drained the session ends.
        // A STREAM socket that closed just this link ([id][""]) while the socket lives on wants
        // what it sent before to go out first, whatever the LINGER; without a connection it ends.
        bool linkClosed = SocketType == SocketType.Stream && !_socket.IsClosed;
        int linger = linkClosed ? -1 : _pipe.PeerLingerMs; // the socket's LINGER when it closed
        if (linger == 0 || !_pipe.CanRead && _engine is null || linkClosed && _engine is null)
        {
            Stop();
            return;
        }
        if (linger > 0 && !_lingerTimer.Armed) _loop.Schedule(_lingerTimer, linger);
        _engine?.Wake();
    }

    /// <summary>The socket closed (app thread): a session with no pipe has nothing to deliver and stops.</summary>
    public void OnSocketClosed()
    {
        if (Volatile.Read(ref _pipe) is null) Stop();
    }


    bool IOutboundDrain.DrainFromSender() => Volatile.Read(ref _engine)?.DrainFromSender() ?? false;

    // ---- IInboundPump: the socket's thread borrowing the current connection's reading ----

    // The engine a watch began on, so EndWatch reaches it even if a reconnect replaced it since
    // (only the socket's thread watches, one park at a time).
    private IInboundPump? _watched;

    bool IInboundPump.PumpFromReceiver(bool requestLend) =>
        Volatile.Read(ref _engine)?.InboundPump?.PumpFromReceiver(requestLend) ?? false;

    int IInboundPump.BeginWatch()
    {
        IInboundPump? pump = Volatile.Read(ref _engine)?.InboundPump;
        int fd = pump?.BeginWatch() ?? -1;
        _watched = fd >= 0 ? pump : null;
        return fd;
    }

    void IInboundPump.EndWatch()
    {
        _watched?.EndWatch();
        _watched = null;
    }

    void IInboundPump.ReturnToLoop() => Volatile.Read(ref _engine)?.InboundPump?.ReturnToLoop();

    // ---- IPipeOwner: wakes from the socket's thread ----

    void IPipeWaker.Wake() => Volatile.Read(ref _engine)?.Wake();

    void IPipeOwner.OnPipeTerminated(Pipe pipe) => PostWork();
}
