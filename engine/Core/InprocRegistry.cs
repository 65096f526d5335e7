using Zinc.Pipes;

namespace Zinc.Core;

/// <summary>
/// The context's inproc:// names. Binding and connecting may happen in either order: a connect
/// before the bind makes its pipe at once (so sends queue up) and the bind adopts it later.
/// </summary>
internal sealed class InprocRegistry
{
    // IMMEDIATE does not apply to inproc: libzmq 4.3.4 queues on a connect-before-bind link
    // whatever it says (checked with python3-zmq), so a pending connection is just the end the
    // binder will adopt.
    private sealed record Pending(Socket Connector, string Name, Pipe BinderEnd);

    private readonly object _lock = new();
    private readonly Dictionary<string, Socket> _bound = new(StringComparer.Ordinal);
    private readonly List<Pending> _pending = new();

    public ZmqError Bind(Socket binder, string name)
    {
        List<Pending> adopted = new();
        lock (_lock)
        {
            if (_bound.ContainsKey(name)) return ZmqError.EADDRINUSE;
            _bound.Add(name, binder);
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                if (_pending[i].Name != name) continue;
                adopted.Add(_pending[i]);
                _pending.RemoveAt(i);
            }
        }
        for (int i = adopted.Count - 1; i >= 0; i--)
        {
            Pending pending = adopted[i];
            Pipe binderEnd = pending.BinderEnd;
            binderEnd.Peer.PeerRoutingId ??= binder.Options.RoutingId;
            binder.AttachPipe(binderEnd);
        }
        return ZmqError.None;
    }

    public ZmqError Connect(Socket connector, string name)
    {
        string endpoint = "inproc://" + name;
        Socket? binder;
        Pipe connectorEnd, binderEnd;
        lock (_lock)
        {
            _bound.TryGetValue(name, out binder);
            if (binder is not null && binder.IsClosed) binder = null;
            SocketOptions peer = binder?.Options ?? connector.Options;
            // Before the bind only the connector's marks count (as libzmq: a connect-before-bind
            // queues SNDHWM messages); the binder adds its shares when it adopts the link.
            (connectorEnd, binderEnd) = Pipe.CreatePair(
                new RingLimit(connector.Options.SndHwm, binder is null ? RingLimit.NotCounted : peer.RcvHwm),
                new RingLimit(binder is null ? RingLimit.NotCounted : peer.SndHwm, connector.Options.RcvHwm),
                conflateAToB: Conflates(connector.Type, connector.Options, peer),
                // Before the bind the writer of this direction is unknown: a publisher connecting
                // here would be receiving subscriptions, which never conflate.
                conflateBToA: binder is not null
                    ? Conflates(binder.Type, peer, connector.Options)
                    : connector.Options.Conflate && connector.Type is not (SocketType.Pub or SocketType.XPub));
            connectorEnd.Endpoint = endpoint;
            binderEnd.Endpoint = endpoint;
            connectorEnd.PeerRoutingId = connector.Options.TakeConnectRoutingId() ?? binder?.Options.RoutingId;
            binderEnd.PeerRoutingId = connector.Options.RoutingId;
            if (binder is null) _pending.Add(new Pending(connector, name, binderEnd));
        }
        connector.AttachPipe(connectorEnd);
        binder?.Post(new Command(CommandKind.Attach, binderEnd));
        return ZmqError.None;
    }

    /// <summary>
    /// A link from inside the engine (no socket on this end) to the socket bound at
    /// <paramref name="name"/>, which adopts the other end as a new peer; null when nothing is
    /// bound there. ZAP requests travel this way. The link has no credit limit.
    /// </summary>
    public Pipe? ConnectService(string name, IPipeOwner owner)
    {
        Socket? binder;
        Pipe ours, theirs;
        lock (_lock)
        {
            if (!_bound.TryGetValue(name, out binder) || binder.IsClosed) return null;
            (ours, theirs) = Pipe.CreatePair(new RingLimit(0, 0), new RingLimit(0, 0)); // 0 shares: unlimited whatever the handler sets
            ours.Endpoint = theirs.Endpoint = "inproc://" + name;
        }
        ours.Attach(owner);
        binder.Post(new Command(CommandKind.Attach, theirs));
        return ours;
    }

    // CONFLATE on either end conflates the data a link carries, but never the subscriptions a
    // SUB or XSUB sends upstream: keeping only the newest would lose all the others.
    private static bool Conflates(SocketType writerType, SocketOptions writer, SocketOptions reader) =>
        (writer.Conflate || reader.Conflate) && writerType is not (SocketType.Sub or SocketType.XSub);

    public ZmqError Unbind(Socket binder, string name)
    {
        lock (_lock)
        {
            if (!_bound.TryGetValue(name, out Socket? owner) || owner != binder) return ZmqError.ENOENT;
            _bound.Remove(name);
        }
        return ZmqError.None;
    }

    public void UnbindAll(Socket binder)
    {
        lock (_lock)
        {
            foreach (var entry in _bound.Where(e => e.Value == binder).ToList()) _bound.Remove(entry.Key);
        }
    }

    /// <summary>Drops connections still waiting for a bind; with an endpoint, only those to it. True if any.</summary>
    public bool CancelPending(Socket connector, string? endpoint = null)
    {
        List<Pending> cancelled = new();
        lock (_lock)
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                Pending pending = _pending[i];
                if (pending.Connector != connector) continue;
                if (endpoint is not null && "inproc://" + pending.Name != endpoint) continue;
                cancelled.Add(pending);
                _pending.RemoveAt(i);
            }
        }
        foreach (Pending pending in cancelled) pending.BinderEnd.Close(discard: true);
        return cancelled.Count > 0;
    }
}
