using Zinc.Core;
using Zinc.Pipes;

namespace Zinc;

// The socket's links to its peers, endpoints, and the mailbox through which other threads
// (a peer connecting, a peer closing, the context terminating) reach it.
public sealed partial class Socket : IPipeOwner
{
    private readonly List<Pipe> _pipes = new();
    private readonly List<Command> _mailbox = new();
    private readonly Signal _signal = new();
    private volatile bool _hasCommands;
    private volatile bool _stopped;
    private IPipeWaker[] _listeners = Array.Empty<IPipeWaker>();

    internal IReadOnlyList<Pipe> Pipes => _pipes;

    internal Signal Signal => _signal;

    /// <summary>Binds to a local endpoint (zmq_bind): inproc://name, tcp://interface:port, ipc://path.</summary>
    public void Bind(string endpoint)
    {
        ThrowIfClosed();
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        switch (parsed.Transport)
        {
            case Transport.Inproc:
                ZmqException.ThrowIf(Context.Inproc.Bind(this, parsed.Address));
                LastEndpoint = parsed.ToString();
                break;
            case Transport.Tcp:
            case Transport.Ipc:
                LastEndpoint = BindStream(parsed);
                break;
            default:
                throw new ZmqException(ZmqError.EPROTONOSUPPORT);
        }
    }

    /// <summary>Connects to an endpoint (zmq_connect): inproc://name (before or after the peer binds), tcp://host:port, ipc://path.</summary>
    public void Connect(string endpoint)
    {
        ThrowIfClosed();
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        switch (parsed.Transport)
        {
            case Transport.Inproc:
                ZmqException.ThrowIf(Context.Inproc.Connect(this, parsed.Address));
                break;
            case Transport.Tcp:
            case Transport.Ipc:
                ConnectStream(parsed);
                break;
            default:
                throw new ZmqException(ZmqError.EPROTONOSUPPORT);
        }
        LastEndpoint = parsed.ToString();
    }

    /// <summary>Stops listening on an endpoint this socket bound (zmq_unbind). ENOENT if it was not bound.</summary>
    public void Unbind(string endpoint)
    {
        ThrowIfClosed();
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        ZmqException.ThrowIf(parsed.Transport switch
        {
            Transport.Inproc => Context.Inproc.Unbind(this, parsed.Address),
            Transport.Tcp or Transport.Ipc => UnbindStream(parsed),
            _ => ZmqError.ENOENT,
        });
    }

    /// <summary>Drops the links made by connecting to an endpoint (zmq_disconnect). ENOENT if not connected.</summary>
    public void Disconnect(string endpoint)
    {
        ThrowIfClosed();
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        string key = parsed.ToString();
        if (_hasCommands) ProcessCommands(); // links already handed to us, so they drain as held ones
        bool found = parsed.Transport == Transport.Inproc
            ? Context.Inproc.CancelPending(this, key)
            : DisconnectStream(key);
        foreach (Pipe pipe in _pipes.ToArray())
        {
            if (pipe.Endpoint != key) continue;
            found = true;
            DetachPipe(pipe);
            // libzmq: unread inbound frames are dropped, queued outbound ones go within LINGER.
            pipe.Close(pipe.UsesLinger ? Options.Linger : InprocLinger);
        }
        if (!found) throw new ZmqException(ZmqError.ENOENT);
    }

    /// <summary>Adopts one end of a new link; called on this socket's thread.</summary>
    internal void AttachPipe(Pipe pipe)
    {
        pipe.Attach(this);
        // Marks set since the link was made (or, for an inproc bind adopting a connect that came
        // first, this socket's shares, which did not count until now).
        pipe.SetHighWaterMarks(Options.SndHwm, Options.RcvHwm);
        _pipes.Add(pipe);
        if (pipe.Drain is not null) _drainSources++;
        if (pipe.Pump is not null) _pumpSources++;
        _pattern.Attach(pipe);
        if (pipe.IsClosed)
        {
            _pipes.Remove(pipe); // the pattern refused it (a second PAIR peer, a duplicate routing id)
            if (pipe.Drain is not null) _drainSources--;
            if (pipe.Pump is not null) _pumpSources--;
            return;
        }
        if (pipe.PeerClosed) OnPeerClosed(pipe);
    }

    // zmq_setsockopt(3): ZMQ_SNDHWM and ZMQ_RCVHWM are among the few options that take effect on
    // links already made (libzmq's update_pipe_options); the rest wait for the next one. Links
    // offered and not yet attached take the marks when they attach.
    private void ApplyHighWaterMarks()
    {
        int sndHwm = Options.SndHwm, rcvHwm = Options.RcvHwm;
        foreach (Pipe pipe in _pipes) pipe.SetHighWaterMarks(sndHwm, rcvHwm);
    }

    private void DetachPipe(Pipe pipe)
    {
        if (!_pipes.Remove(pipe)) return;
        if (pipe.Drain is not null) _drainSources--;
        if (pipe.Pump is not null) _pumpSources--;
        _pattern.Detach(pipe);
    }

    /// <summary>Posts a command from another thread and wakes the socket.</summary>
    internal void Post(Command command)
    {
        lock (_mailbox)
        {
            if (_closed)
            {
                // Nobody will read this mailbox again: a pipe offered now must be closed here, or
                // its peer would write into a link that no one reads or releases.
                if (command.Kind == CommandKind.Attach) command.Pipe!.Close(discard: true);
                return;
            }
            _mailbox.Add(command);
            _hasCommands = true;
        }
        Wake();
    }

    /// <summary>Marks the socket closed under the mailbox lock, so no command slips in after the last drain.</summary>
    private void MarkClosed()
    {
        lock (_mailbox) _closed = true;
    }

    internal void ProcessCommands()
    {
        Command[] batch;
        lock (_mailbox)
        {
            batch = _mailbox.ToArray();
            _mailbox.Clear();
            _hasCommands = false;
        }
        foreach (Command command in batch)
        {
            switch (command.Kind)
            {
                case CommandKind.Attach:
                    if (_closed) command.Pipe!.Close(true);
                    else AttachPipe(command.Pipe!);
                    break;
                case CommandKind.PipeTerminated:
                    if (_pipes.Contains(command.Pipe!)) OnPeerClosed(command.Pipe!);
                    break;
                case CommandKind.Stop:
                    _stopped = true;
                    break;
                case CommandKind.Hiccup:
                    if (_pipes.Contains(command.Pipe!)) _pattern.Hiccuped(command.Pipe!);
                    break;
            }
        }
        ReapDrainedPipes();
    }

    // A peer that closed may have left frames behind: they stay readable until the pipe is
    // drained (Pipe.CanRead already says no once a peer's LINGER has run out, and yes for the
    // rest of a message already started).
    private void OnPeerClosed(Pipe pipe)
    {
        if (StillReadable(pipe))
        {
            _draining ??= new List<Pipe>();
            if (!_draining.Contains(pipe)) _draining.Add(pipe);
            return;
        }
        DetachPipe(pipe);
        pipe.Close(discard: true);
    }

    private List<Pipe>? _draining;

    /// <summary>Detaches closed peers whose frames have all been read.</summary>
    internal void ReapDrainedPipes()
    {
        if (_draining is null || _draining.Count == 0) return;
        for (int i = _draining.Count - 1; i >= 0; i--)
        {
            Pipe pipe = _draining[i];
            if (StillReadable(pipe)) continue;
            _draining.RemoveAt(i);
            DetachPipe(pipe);
            pipe.Close(discard: true);
        }
    }

    // A pipe our side already closed (a refused duplicate peer) is never read again.
    private static bool StillReadable(Pipe pipe) => !pipe.IsClosed && pipe.CanRead;

    void IPipeOwner.OnPipeTerminated(Pipe pipe) => Post(new Command(CommandKind.PipeTerminated, pipe));

    void IPipeWaker.Wake() => Wake();

    /// <summary>Wakes whoever waits on this socket: its own blocking call and any poller.</summary>
    internal void Wake()
    {
        _signal.Set();
        IPipeWaker[] listeners = Volatile.Read(ref _listeners);
        for (int i = 0; i < listeners.Length; i++) listeners[i].Wake();
    }

    internal void AddListener(IPipeWaker listener)
    {
        lock (_mailbox) Volatile.Write(ref _listeners, [.. _listeners, listener]);
    }

    internal void RemoveListener(IPipeWaker listener)
    {
        lock (_mailbox) Volatile.Write(ref _listeners, _listeners.Where(l => l != listener).ToArray());
    }

    internal void Stop() => Post(new Command(CommandKind.Stop, null));

    internal bool IsClosed => _closed;

    private void ThrowIfClosed()
    {
        if (_closed) throw new ZmqException(ZmqError.ENOTSOCK);
        if (_hasCommands) ProcessCommands();
        if (_stopped) throw new ZmqException(ZmqError.ETERM);
    }
}
