using System.Net;
using Zinc.Core;
using Zinc.Reactor;
using Zinc.Reactor.Native;
using Zinc.Transports.Ipc;
using Zinc.Transports.Tcp;

namespace Zinc.Transports.Stream;

/// <summary>
/// A bound tcp or ipc endpoint: the listening descriptor is made on the caller's thread (so
/// zmq_bind reports EADDRINUSE and friends at once and LAST_ENDPOINT is known), then accepts
/// on its IO loop, giving each connection its own <see cref="StreamSession"/>. Unbinding stops
/// it and the sessions it accepted, as libzmq does.
/// </summary>
internal sealed class StreamListener : IIoHandler, IIoWork
{
    private readonly Socket _socket;
    private readonly IoLoop _loop;
    private readonly SocketOptions _options;
    private readonly int _fd;
    private readonly bool _wildcardIpc;
    private readonly bool _ipcFiltered; // ZMQ_IPC_FILTER_UID/GID/PID set: each peer's credentials are checked
    private readonly List<StreamSession> _sessions = new();
    private IoRegistration? _registration;
    private bool _stopped;
    private int _stopRequested;

    private StreamListener(Socket socket, IoLoop loop, SocketOptions options, int fd, Transport transport, string address, bool wildcardIpc)
    {
        _socket = socket;
        _loop = loop;
        _options = options;
        _fd = fd;
        Transport = transport;
        Address = address;
        _wildcardIpc = wildcardIpc;
        _ipcFiltered = transport == Transport.Ipc && IpcPeerFilter.IsActive(options);
    }

    public Transport Transport { get; }

    /// <summary>The resolved address ("127.0.0.1:40123", "/tmp/x.ipc", "@name").</summary>
    public string Address { get; }

    /// <summary>The endpoint as ZMQ_LAST_ENDPOINT reports it.</summary>
    public string Endpoint => Transport == Transport.Tcp ? "tcp://" + Address : "ipc://" + Address;

    /// <summary>Creates, binds and starts listening; throws <see cref="ZmqException"/> with the errno.</summary>
    public static unsafe StreamListener Bind(Socket socket, IoLoop loop, SocketOptions options, Endpoint endpoint)
    {
        SockAddr address;
        string ipcPath = "";
        bool wildcard = false;
        int fd = -1;
        try
        {
            if (endpoint.Transport == Transport.Tcp)
            {
                address = TcpAddress.ResolveBind(endpoint.Address, options.Ipv6);
            }
            else
            {
                wildcard = endpoint.Address == "*";
                ipcPath = IpcAddress.ResolveBind(endpoint.Address);
                address = IpcAddress.ToSockAddr(ipcPath);
                // A socket file left by an earlier run would make bind fail; libzmq removes it too.
                if (!IpcAddress.IsAbstract(ipcPath)) LibC.unlink(ipcPath);
            }
            fd = LibC.socket(address.Family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
            if (fd < 0) throw Error(LibC.Errno, "socket");
            SocketTuning.BeforeBindOrConnect(fd, options, address.Family, listener: true);
            fixed (byte* p = address.Bytes)
            {
                if (LibC.bind(fd, p, address.Length) != 0) throw Error(LibC.Errno, "bind");
            }
            if (LibC.listen(fd, Math.Max(1, options.Backlog)) != 0) throw Error(LibC.Errno, "listen");
        }
        catch (ZmqException e)
        {
            // libzmq's sequence: CLOSED for the descriptor it made (with the ipc endpoint, or no
            // endpoint for tcp, whose name is known only once bound), then BIND_FAILED naming the
            // address as written, without its scheme ("127.0.0.1:5555").
            if (fd >= 0)
            {
                LibC.Close(fd);
                socket.EmitEvent(SocketEvents.Closed, fd, endpoint.Transport == Transport.Ipc ? "ipc://" + ipcPath : "");
            }
            socket.EmitEvent(SocketEvents.BindFailed, (int)e.Error, endpoint.Address);
            throw;
        }
        string resolved = endpoint.Transport == Transport.Tcp ? SockAddr.LocalOf(fd).ToString() : ipcPath;
        var listener = new StreamListener(socket, loop, options, fd, endpoint.Transport, resolved, wildcard);
        socket.EmitEvent(SocketEvents.Listening, fd, listener.Endpoint);
        socket.Context.OnSessionStarted(); // the context waits for the listener to close its descriptor
        loop.Post(listener);
        return listener;
    }

    private static ZmqException Error(int errno, string call) =>
        new(Polling.NativePoll.ToZmqError(errno), $"{call} failed, errno {errno}");

    // ---- loop thread ----

    void IIoWork.RunOnLoop()
    {
        if (_stopRequested != 0)
        {
            Shutdown();
            return;
        }
        if (_registration is not null || _stopped) return;
        _registration = _loop.Register(_fd, this);
        _loop.StartAccepting(_registration);
    }

    void IIoHandler.OnAccepted(int fd)
    {
        if (!Accepts(fd))
        {
            // As libzmq: a peer the filters refuse is closed at once and reported as a failed
            // accept (libzmq's value is whatever errno was left; 0 here), never as ACCEPTED.
            LibC.Close(fd);
            _socket.EmitEvent(SocketEvents.AcceptFailed, 0, Endpoint);
            return;
        }
        SocketTuning.ForConnection(fd, _options, Transport == Transport.Ipc ? LibC.AF_UNIX : LibC.AF_INET, accepted: true);
        // libzmq names the accepting end's real address (the interface, for a wildcard bind);
        // looked up only when a monitor will read it.
        if (_socket.IsMonitored) _socket.EmitEvent(SocketEvents.Accepted, fd, SockAddr.LocalOf(fd).ToEndpoint());
        var session = StreamSession.ForAccepted(_socket, _loop, _options, Endpoint, this);
        _sessions.Add(session);
        session.StartAccepted(fd);
    }

    private bool Accepts(int fd) => Transport == Transport.Tcp ? TcpFilterAccepts(fd) : !_ipcFiltered || IpcPeerFilter.Accepts(fd, _options);

    // ZMQ_TCP_ACCEPT_FILTER: with filters set, only peers matching one ("address[/bits]") are kept.
    private bool TcpFilterAccepts(int fd)
    {
        IReadOnlyList<string> filters = _options.TcpAcceptFilters;
        if (filters.Count == 0) return true;
        IPAddress? peer = SockAddr.PeerOf(fd).Ip;
        if (peer is null) return false;
        // An IPv4 peer of a dual-stack listener arrives mapped (::ffff:a.b.c.d): it matches an
        // IPv4 filter ("127.0.0.1", "10.0.0.0/8") by its IPv4 form and an IPv6 one by the
        // mapped form, as libzmq does once IPV6 is set (it resolves its filters as mapped then).
        IPAddress? v4 = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : null;
        foreach (string filter in filters)
        {
            if (IPNetwork.TryParse(filter.Contains('/') ? filter : filter + (filter.Contains(':') ? "/128" : "/32"), out IPNetwork network) &&
                (network.Contains(peer) || v4 is not null && network.Contains(v4)))
                return true;
        }
        return false;
    }

    void IIoHandler.OnAcceptFailed(int errno) => _socket.EmitEvent(SocketEvents.AcceptFailed, errno, Endpoint);

    void IIoHandler.OnReceived(ReadOnlySpan<byte> data)
    {
    }

    void IIoHandler.OnReceiveClosed(int errno)
    {
    }

    void IIoHandler.OnWritable()
    {
    }

    public void OnSessionEnded(StreamSession session) => _sessions.Remove(session);

    /// <summary>Unbind or socket close: stop listening, and end accepted links too when asked. Any thread.</summary>
    public void Stop(bool withSessions)
    {
        _stopSessions = withSessions;
        // The file goes now, on the caller's thread: done later on the IO thread, it could remove
        // the file of a socket the application binds to the same path right after this returns.
        if (Transport == Transport.Ipc && Interlocked.Exchange(ref _fileRemoved, 1) == 0) IpcAddress.Remove(Address, _wildcardIpc);
        // On socket close the monitor stops as soon as this returns, and libzmq reports the
        // listener's CLOSED before MONITOR_STOPPED: reported here, the descriptor closes on the loop.
        if (!withSessions && Interlocked.Exchange(ref _closedReported, 1) == 0) _socket.EmitEvent(SocketEvents.Closed, _fd, Endpoint);
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0) _loop.Post(this);
    }

    private int _closedReported;

    private volatile bool _stopSessions;
    private int _fileRemoved;

    private void Shutdown()
    {
        if (_stopped) return;
        _stopped = true;
        if (_registration is not null) _loop.Unregister(_registration);
        if (LibC.close(_fd) != 0) _socket.EmitEvent(SocketEvents.CloseFailed, LibC.Errno, Endpoint);
        else if (Interlocked.Exchange(ref _closedReported, 1) == 0) _socket.EmitEvent(SocketEvents.Closed, _fd, Endpoint);
        _socket.Context.OnSessionEnded();
        if (!_stopSessions) return;
        foreach (StreamSession session in _sessions.ToArray()) session.Stop();
    }
}
