using NetMQ.Sockets;
using ZMonitorEvent = Zinc.MonitorEvent;
using ZSocketEvents = Zinc.SocketEvents;

namespace NetMQ.Monitoring;

/// <summary>Arguments of every <see cref="NetMQMonitor"/> event.</summary>
public class NetMQMonitorEventArgs : EventArgs
{
    /// <summary>Arguments for an event at <paramref name="address"/>.</summary>
    public NetMQMonitorEventArgs(NetMQMonitor monitor, string address, SocketEvents socketEvent)
    {
        Monitor = monitor;
        Address = address;
        SocketEvent = socketEvent;
    }

    /// <summary>The monitor.</summary>
    public NetMQMonitor Monitor { get; }
    /// <summary>The endpoint the event is about.</summary>
    public string Address { get; }
    /// <summary>The event.</summary>
    public SocketEvents SocketEvent { get; }
}

/// <summary>An event about a connection (Connected, Listening, Accepted, Closed, Disconnected); the value is the descriptor.</summary>
public class NetMQMonitorSocketEventArgs : NetMQMonitorEventArgs
{
    /// <summary>Arguments for a connection event.</summary>
    public NetMQMonitorSocketEventArgs(NetMQMonitor monitor, string address, int fd, SocketEvents socketEvent)
        : base(monitor, address, socketEvent) => Fd = fd;

    /// <summary>The file descriptor of the connection (NetMQ gives an AsyncSocket here; Zinc gives the descriptor).</summary>
    public int Fd { get; }
}

/// <summary>A failure event (ConnectDelayed, BindFailed, AcceptFailed, CloseFailed): the value is an error code.</summary>
public class NetMQMonitorErrorEventArgs : NetMQMonitorEventArgs
{
    /// <summary>Arguments for a failure event.</summary>
    public NetMQMonitorErrorEventArgs(NetMQMonitor monitor, string address, ErrorCode errorCode, SocketEvents socketEvent)
        : base(monitor, address, socketEvent) => ErrorCode = errorCode;

    /// <summary>The error.</summary>
    public ErrorCode ErrorCode { get; }
}

/// <summary>A reconnect event (ConnectRetried): the value is the interval in milliseconds.</summary>
public class NetMQMonitorIntervalEventArgs : NetMQMonitorEventArgs
{
    /// <summary>Arguments for a reconnect event.</summary>
    public NetMQMonitorIntervalEventArgs(NetMQMonitor monitor, string address, int interval, SocketEvents socketEvent)
        : base(monitor, address, socketEvent) => Interval = interval;

    /// <summary>The reconnect interval in milliseconds.</summary>
    public int Interval { get; }
}

/// <summary>
/// Reads a socket's monitor events (<see cref="NetMQSocket.Monitor"/>) from a PAIR connected to the
/// inproc endpoint and raises them as .NET events: on its own loop (<see cref="Start"/>,
/// <see cref="StartAsync"/>) or on a poller's thread (<see cref="AttachToPoller{T}"/>).
/// </summary>
public class NetMQMonitor : IDisposable
{
    private readonly PairSocket _pair;
    private readonly NetMQSocket? _monitored;
    private INetMQPoller? _attachedPoller;
    private volatile bool _stop;
    private readonly ManualResetEventSlim _stopped = new(true);
    private int _disposed;

    /// <summary>Starts monitoring <paramref name="monitoredSocket"/> on the inproc <paramref name="endpoint"/>.</summary>
    public NetMQMonitor(NetMQSocket monitoredSocket, string endpoint, SocketEvents eventsToMonitor)
    {
        Endpoint = endpoint;
        _monitored = monitoredSocket;
        monitoredSocket.Monitor(endpoint, eventsToMonitor);
        _pair = new PairSocket();
        _pair.Options.Linger = TimeSpan.Zero;
        // Events are read without waiting (MonitorEvent.TryReceive waits as RCVTIMEO allows).
        _pair.Handle.SetOption(Zinc.SocketOption.RcvTimeo, 0);
        _pair.Connect(endpoint);
        _pair.ReceiveReady += OnReceiveReady;
    }

    /// <summary>Reads events from an endpoint some socket already monitors to; with <paramref name="ownsSocket"/> kept for source compatibility.</summary>
    public NetMQMonitor(NetMQSocket socket, string endpoint, bool ownsSocket = false)
    {
        Endpoint = endpoint;
        _pair = new PairSocket();
        _pair.Options.Linger = TimeSpan.Zero;
        // Events are read without waiting (MonitorEvent.TryReceive waits as RCVTIMEO allows).
        _pair.Handle.SetOption(Zinc.SocketOption.RcvTimeo, 0);
        _pair.Connect(endpoint);
        _pair.ReceiveReady += OnReceiveReady;
    }

    /// <summary>The inproc endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>True while <see cref="Start"/> runs.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>How long <see cref="Start"/> waits per poll before checking for <see cref="Stop"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Every event.</summary>
    public event EventHandler<NetMQMonitorEventArgs>? EventReceived;
    /// <summary>A connection was made.</summary>
    public event EventHandler<NetMQMonitorSocketEventArgs>? Connected;
    /// <summary>A connect is delayed.</summary>
    public event EventHandler<NetMQMonitorErrorEventArgs>? ConnectDelayed;
    /// <summary>A reconnect is scheduled.</summary>
    public event EventHandler<NetMQMonitorIntervalEventArgs>? ConnectRetried;
    /// <summary>The socket listens.</summary>
    public event EventHandler<NetMQMonitorSocketEventArgs>? Listening;
    /// <summary>A bind failed.</summary>
    public event EventHandler<NetMQMonitorErrorEventArgs>? BindFailed;
    /// <summary>A connection was accepted.</summary>
    public event EventHandler<NetMQMonitorSocketEventArgs>? Accepted;
    /// <summary>An accept failed.</summary>
    public event EventHandler<NetMQMonitorErrorEventArgs>? AcceptFailed;
    /// <summary>A connection closed.</summary>
    public event EventHandler<NetMQMonitorSocketEventArgs>? Closed;
    /// <summary>A close failed.</summary>
    public event EventHandler<NetMQMonitorErrorEventArgs>? CloseFailed;
    /// <summary>A peer disconnected.</summary>
    public event EventHandler<NetMQMonitorSocketEventArgs>? Disconnected;

    /// <summary>Raises events on <paramref name="poller"/>'s thread.</summary>
    public void AttachToPoller<T>(T poller) where T : INetMQPoller
    {
        if (IsRunning) throw new InvalidOperationException("Monitor already started");
        if (_attachedPoller is not null) throw new InvalidOperationException("Already attached to a poller");
        _attachedPoller = poller;
        poller.Add(_pair);
    }

    /// <summary>Stops raising events on the poller.</summary>
    public void DetachFromPoller()
    {
        _attachedPoller?.Remove(_pair);
        _attachedPoller = null;
    }

    /// <summary>Raises events on the calling thread until <see cref="Stop"/>.</summary>
    public void Start()
    {
        if (_attachedPoller is not null) throw new InvalidOperationException("Monitor attached to a poller");
        if (IsRunning) throw new InvalidOperationException("Monitor already started");
        IsRunning = true;
        _stop = false;
        _stopped.Reset();
        try
        {
            while (!_stop) _pair.Poll(Timeout);
        }
        finally
        {
            IsRunning = false;
            _stopped.Set();
        }
    }

    /// <summary>Runs <see cref="Start"/> on a task.</summary>
    public Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("Monitor already started");
        _stopped.Reset();
        return Task.Factory.StartNew(Start, TaskCreationOptions.LongRunning);
    }

    /// <summary>Stops <see cref="Start"/> and waits for it to return.</summary>
    public void Stop()
    {
        _stop = true;
        _stopped.Wait();
    }

    /// <summary>Stops, detaches and closes the monitor.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_attachedPoller is not null) DetachFromPoller();
        else if (IsRunning) Stop();
        _pair.Dispose();
        if (_monitored is { IsDisposed: false })
        {
            try { _monitored.Handle.Monitor(null); } catch (Zinc.ZmqException) { }
        }
        GC.SuppressFinalize(this);
    }

    private void OnReceiveReady(object? sender, NetMQSocketEventArgs e)
    {
        while (ZMonitorEvent.TryReceive(_pair.Handle, out ZMonitorEvent ev))
            Raise(ev);
    }

    private void Raise(ZMonitorEvent ev)
    {
        var kind = (SocketEvents)(int)ev.Event;
        NetMQMonitorEventArgs args;
        switch (ev.Event)
        {
            case ZSocketEvents.Connected: args = Fire(Connected, new NetMQMonitorSocketEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.Listening: args = Fire(Listening, new NetMQMonitorSocketEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.Accepted: args = Fire(Accepted, new NetMQMonitorSocketEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.Closed: args = Fire(Closed, new NetMQMonitorSocketEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.Disconnected: args = Fire(Disconnected, new NetMQMonitorSocketEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.ConnectRetried: args = Fire(ConnectRetried, new NetMQMonitorIntervalEventArgs(this, ev.Endpoint, ev.Value, kind)); break;
            case ZSocketEvents.ConnectDelayed: args = Fire(ConnectDelayed, new NetMQMonitorErrorEventArgs(this, ev.Endpoint, (ErrorCode)ev.Value, kind)); break;
            case ZSocketEvents.BindFailed: args = Fire(BindFailed, new NetMQMonitorErrorEventArgs(this, ev.Endpoint, (ErrorCode)ev.Value, kind)); break;
            case ZSocketEvents.AcceptFailed: args = Fire(AcceptFailed, new NetMQMonitorErrorEventArgs(this, ev.Endpoint, (ErrorCode)ev.Value, kind)); break;
            case ZSocketEvents.CloseFailed: args = Fire(CloseFailed, new NetMQMonitorErrorEventArgs(this, ev.Endpoint, (ErrorCode)ev.Value, kind)); break;
            default: args = new NetMQMonitorEventArgs(this, ev.Endpoint, kind); break;
        }
        EventReceived?.Invoke(this, args);
    }

    private NetMQMonitorEventArgs Fire<TArgs>(EventHandler<TArgs>? handler, TArgs args) where TArgs : NetMQMonitorEventArgs
    {
        handler?.Invoke(this, args);
        return args;
    }
}
