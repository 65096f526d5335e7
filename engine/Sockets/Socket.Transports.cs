using Zinc.Core;
using Zinc.Reactor.Native;
using Zinc.Transports.Stream;
using Zinc.Transports.Tcp;

namespace Zinc;

// tcp:// and ipc:// endpoints: listeners for binds, connecting sessions for connects. Both run
// on the context's IO threads; the socket keeps them to unbind, disconnect and close.
public sealed partial class Socket
{
    private readonly List<StreamListener> _streamListeners = new();
    private readonly List<StreamSession> _connections = new();

    private string BindStream(Endpoint endpoint)
    {
        StreamListener listener = StreamListener.Bind(this, Context.ChooseLoop(), Options.Clone(), endpoint);
        _streamListeners.Add(listener);
        return listener.Endpoint;
    }

    private void ConnectStream(Endpoint endpoint)
    {
        // A path too long for a unix socket address fails zmq_connect itself with ENAMETOOLONG,
        // as in libzmq (checked), not each connect attempt on the loop, silently and forever.
        if (endpoint.Transport == Transport.Ipc && endpoint.Address != "*") SockAddr.FromUnixPath(endpoint.Address);
        StreamSession session = StreamSession.ForConnect(this, Context.ChooseLoop(), Options.Clone(), endpoint);
        Options.TakeConnectRoutingId(); // ZMQ_CONNECT_ROUTING_ID names the next connection only
        _connections.Add(session);
    }

    // libzmq 4.3.4 knows a listener by its resolved endpoint (ZMQ_LAST_ENDPOINT) only, so the
    // name it was bound with does not unbind it when they differ ("tcp://127.0.0.1:*",
    // "tcp://*:5555", "ipc://*", an interface name: ENOENT, checked). A tcp address is also
    // tried resolved as a peer ("localhost:5555" unbinds 127.0.0.1:5555), as libzmq does.
    private ZmqError UnbindStream(Endpoint endpoint)
    {
        string key = endpoint.ToString();
        StreamListener? listener = _streamListeners.FirstOrDefault(l => l.Endpoint == key);
        if (listener is null && endpoint.Transport == Transport.Tcp
            && TcpAddress.TryResolvePeer(endpoint.Address, Options.Ipv6) is { } resolved)
            listener = _streamListeners.FirstOrDefault(l => l.Transport == Transport.Tcp && l.Address == resolved);
        if (listener is null) return ZmqError.ENOENT;
        _streamListeners.Remove(listener);
        listener.Stop(withSessions: true);
        return ZmqError.None;
    }

    private bool DisconnectStream(string endpoint)
    {
        bool found = false;
        for (int i = _connections.Count - 1; i >= 0; i--)
        {
            StreamSession session = _connections[i];
            if (session.Endpoint != endpoint) continue;
            found = true;
            // A link whose pipe this socket holds ends as on socket close: Disconnect closes the
            // pipe with LINGER, and the session sends what is queued within it (connecting first
            // if it must) before it ends. Any other has nothing of ours to deliver: it ends now.
            if (!_pipes.Exists(pipe => ReferenceEquals(pipe.Drain, session))) session.Stop();
            _connections.RemoveAt(i);
        }
        return found;
    }

    // On close: listeners stop accepting (accepted links end through their pipes, within
    // LINGER); connecting sessions without a pipe have nothing to send and stop at once.
    private void CloseStreams()
    {
        foreach (StreamListener listener in _streamListeners) listener.Stop(withSessions: false);
        _streamListeners.Clear();
        foreach (StreamSession session in _connections) session.OnSocketClosed();
        _connections.Clear();
    }
}
