using Zinc.Core;
using Zinc.Monitoring;
using Zinc.Reactor;
using Zinc.Reactor.Native;
using Zinc.Transports.Ipc;
using Zinc.Transports.Tcp;

namespace Zinc.Transports.Stream;

// The connecting side: non-blocking connect, CONNECT_TIMEOUT, and reconnecting with
// RECONNECT_IVL doubling up to RECONNECT_IVL_MAX, stopped by RECONNECT_STOP's conditions.
internal sealed partial class StreamSession : IIoHandler
{
    private const int ReconnectStopConnRefused = 0x1;
    private const int ReconnectStopHandshakeFailed = 0x2;
    private const int ReconnectStopAfterDisconnect = 0x4;

    private Endpoint _target;
    private IoTimer? _reconnectTimer;
    private IoTimer? _connectTimeoutTimer;
    private IoRegistration? _connecting;
    private int _connectingFd = -1;
    private int _nextIvl;

    /// <summary>
    /// A session that connects to <paramref name="target"/> (app thread). Unless IMMEDIATE is set
    /// or the socket is a ROUTER, the pipe is made and attached now, so sends queue before the
    /// connection is up.
    /// </summary>
    public static StreamSession ForConnect(Socket socket, IoLoop loop, SocketOptions options, Endpoint target)
    {
        if (target.Transport == Transport.Tcp) TcpAddress.Validate(target.Address);
        var session = new StreamSession(socket, loop, options, target.ToString(), listener: null) { _target = target };
        session._nextIvl = options.ReconnectIvl;
        session._reconnectTimer = new IoTimer(session.TryConnect);
        session._connectTimeoutTimer = new IoTimer(session.OnConnectTimeout);
        if (!options.Immediate && socket.Type != SocketType.Router) session.CreatePipe(null, attachDirectly: true);
        socket.Context.OnSessionStarted();
        loop.Post(new StartWork(session));
        return session;
    }

    private sealed class StartWork(StreamSession session) : IIoWork
    {
        public void RunOnLoop() => session.TryConnect();
    }

    public string Endpoint => EventEndpoint;

    private void TryConnect()
    {
        if (_ended || _stopRequested != 0 || _engine is not null || _resolving) return;
        if (_target.Transport == Transport.Tcp && TcpAddress.NeedsLookup(_target.Address))
        {
            // A host name: look it up on the thread pool, never on the IO thread, which other
            // connections share; the answer comes back as posted work.
            _resolving = true;
            string address = _target.Address;
            bool ipv6 = Options.Ipv6;
            Task.Run(() => Resolve(address, ipv6)).ContinueWith(t =>
            {
                // A slow lookup may outlive the context: a stopped loop takes no more work.
                if (!_loop.IsStopping) _loop.Post(new ResolvedWork(this, t.Result));
            }, TaskScheduler.Default);
            return;
        }
        ConnectResolved(Resolve(_target.Address, Options.Ipv6));
    }

    private bool _resolving;

    private (SockAddr? Source, SockAddr Destination)? Resolve(string address, bool ipv6)
    {
        try
        {
            return _target.Transport == Transport.Tcp
                ? TcpAddress.ResolveConnect(address, ipv6)
                : (null, IpcAddress.ToSockAddr(address));
        }
        catch (ZmqException)
        {
            return null;
        }
    }

    private sealed class ResolvedWork(StreamSession session, (SockAddr? Source, SockAddr Destination)? resolved) : IIoWork
    {
        public void RunOnLoop()
        {
            session._resolving = false;
            if (session._ended || session._stopRequested != 0 || session._engine is not null) return;
            session.ConnectResolved(resolved);
        }
    }

    private void ConnectResolved((SockAddr? Source, SockAddr Destination)? resolved)
    {
        if (resolved is not { } addresses)
        {
            ScheduleReconnect(LibC.EHOSTUNREACH);
            return;
        }
        SockAddr destination = addresses.Destination;
        SockAddr? source = addresses.Source;
        int family = destination.Family;
        int fd = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            ScheduleReconnect(LibC.Errno);
            return;
        }
        int rc;
        try
        {
            SocketTuning.BeforeBindOrConnect(fd, Options, family, listener: false);
            rc = Connect(fd, source, destination);
        }
        catch (ZmqException)
        {
            rc = LibC.ENODEV;
        }
        if (rc == 0)
        {
            OnConnected(fd);
        }
        else if (rc == LibC.EINPROGRESS)
        {
            _connectingFd = fd;
            _connecting = _loop.Register(fd, this);
            _loop.WaitWritable(_connecting);
            _socket.EmitEvent(SocketEvents.ConnectDelayed, LibC.EINPROGRESS, EndpointPair.ForConnect(EventEndpoint));
            if (Options.ConnectTimeout > 0) _loop.Schedule(_connectTimeoutTimer!, Options.ConnectTimeout);
        }
        else
        {
            CloseFailed(fd);
            ScheduleReconnect(rc);
        }
    }

    private static unsafe int Connect(int fd, SockAddr? source, SockAddr destination)
    {
        if (source is { } src)
        {
            LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1);
            fixed (byte* p = src.Bytes)
            {
                if (LibC.bind(fd, p, src.Length) != 0) return LibC.Errno;
            }
        }
        fixed (byte* p = destination.Bytes)
        {
            return LibC.connect(fd, p, destination.Length) == 0 ? 0 : LibC.Errno;
        }
    }

    void IIoHandler.OnWritable()
    {
        if (_connecting is null) return;
        int fd = _connectingFd;
        int error = LibC.GetInt(fd, LibC.SOL_SOCKET, LibC.SO_ERROR);
        StopConnecting(closeFd: error != 0);
        if (error == 0) OnConnected(fd);
        else ScheduleReconnect(error < 0 ? -error : error);
    }

    private void OnConnectTimeout()
    {
        if (_connecting is null) return;
        StopConnecting(closeFd: true);
        ScheduleReconnect(LibC.ETIMEDOUT);
    }

    private void StopConnecting(bool closeFd)
    {
        if (_connectTimeoutTimer is not null) IoLoop.Cancel(_connectTimeoutTimer);
        if (_connecting is not null) _loop.Unregister(_connecting);
        _connecting = null;
        if (closeFd) CloseFailed(_connectingFd);
        _connectingFd = -1;
    }

    // A descriptor that did not connect (refused, timed out, or given up on a stop): libzmq's
    // connecter reports CLOSED for it before CONNECT_RETRIED (or before nothing, when it will
    // not retry).
    private void CloseFailed(int fd)
    {
        LibC.Close(fd);
        _socket.EmitEvent(SocketEvents.Closed, fd, EndpointPair.ForConnect(EventEndpoint));
    }

    private void OnConnected(int fd)
    {
        SocketTuning.ForConnection(fd, Options, _target.Transport == Transport.Ipc ? LibC.AF_UNIX : LibC.AF_INET, accepted: false);
        _socket.EmitEvent(SocketEvents.Connected, fd, EndpointPair.ForConnect(EventEndpoint));
        StartEngine(fd);
    }

    // The handshake worked: the next loss starts the back-off afresh.
    private void OnConnectionUp() => _nextIvl = Options.ReconnectIvl;

    private void OnConnectionLost(bool handshakeFailed, bool afterConnection)
    {
        int stop = Options.ReconnectStop;
        if (Options.Immediate || SocketType == SocketType.Router)
        {
            // With IMMEDIATE (and for ROUTER peers, known only by their handshake) the pipe
            // exists only while connected.
            _pipe?.Close(discard: true);
            _pipe = null;
        }
        else if (afterConnection && Options.HiccupMsg is { } hiccup && _pipe is not null && !_pipe.PeerClosed)
        {
            Msg notice = Msg.Copy(hiccup);
            if (_pipe.TryWrite(ref notice)) _pipe.Flush();
            else notice.Close();
        }
        if (handshakeFailed && (stop & ReconnectStopHandshakeFailed) != 0 || afterConnection && (stop & ReconnectStopAfterDisconnect) != 0)
        {
            Terminate();
            return;
        }
        ScheduleReconnect(0);
    }

    private void ScheduleReconnect(int errno)
    {
        if (_ended || _stopRequested != 0) return;
        int ivl = Options.ReconnectIvl;
        if (ivl < 0 || errno == LibC.ECONNREFUSED && (Options.ReconnectStop & ReconnectStopConnRefused) != 0)
        {
            Terminate();
            return;
        }
        // As libzmq: up to one RECONNECT_IVL of random delay on top, so peers that lost the same
        // server do not all come back in the same millisecond.
        int current = _nextIvl;
        int wait = (int)Math.Min(int.MaxValue, (long)current + (ivl > 0 ? Random.Shared.Next(ivl) : 0));
        int max = Options.ReconnectIvlMax;
        if (max > ivl) _nextIvl = (int)Math.Min(Math.Max(1L, current) * 2, max);
        _socket.EmitEvent(SocketEvents.ConnectRetried, wait, EndpointPair.ForConnect(EventEndpoint));
        _loop.Schedule(_reconnectTimer!, wait);
    }

    private void CancelReconnect()
    {
        if (_reconnectTimer is not null) IoLoop.Cancel(_reconnectTimer);
        if (_connecting is not null) StopConnecting(closeFd: true);
    }

    void IIoHandler.OnReceived(ReadOnlySpan<byte> data)
    {
    }

    void IIoHandler.OnReceiveClosed(int errno)
    {
    }

    void IIoHandler.OnAccepted(int fd) => LibC.Close(fd);

    void IIoHandler.OnAcceptFailed(int errno)
    {
    }
}
