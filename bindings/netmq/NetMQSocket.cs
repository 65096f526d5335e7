using Zinc;
using ZMsg = Zinc.Msg;

namespace NetMQ;

/// <summary>
/// Base of the typed sockets: a Zinc socket in the shared context (<see cref="NetMQConfig"/>), with
/// NetMQ's connection strings, timed send/receive and ReceiveReady/SendReady events raised by a
/// <see cref="NetMQPoller"/> (or <see cref="Poll()"/>).
/// </summary>
public abstract class NetMQSocket : INetMQSocket
{
    internal enum DefaultAction { Connect, Bind }

    private readonly NetMQSocketEventArgs _eventArgs;
    private EventHandler<NetMQSocketEventArgs>? _receiveReady;
    private EventHandler<NetMQSocketEventArgs>? _sendReady;
    private int _rcvTimeo = -1, _sndTimeo = -1;
    private int _disposed;

    internal NetMQSocket(ZmqSocketType socketType, string? connectionString, DefaultAction defaultAction)
    {
        Handle = Wrap(() => NetMQConfig.Context.CreateSocket((SocketType)(int)socketType));
        _eventArgs = new NetMQSocketEventArgs(this);
        Options = new SocketOptions(this);
        Options.Linger = NetMQConfig.Linger;
        // NetMQ 4's STREAM (a port of libzmq 4.0's) announces no connections: no [id][""] on
        // connect or disconnect (checked against the 4.0.4.5 package), so code written for it
        // reads data frames only. Set before the connection string's endpoints are made.
        if (socketType == ZmqSocketType.Stream) Wrap(() => Handle.SetOption(SocketOption.StreamNotify, 0));
        if (!string.IsNullOrEmpty(connectionString))
        {
            try
            {
                foreach (string part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (part[0] == '@') Bind(part[1..]);
                    else if (part[0] == '>') Connect(part[1..]);
                    else if (defaultAction == DefaultAction.Connect) Connect(part);
                    else Bind(part);
                }
            }
            catch
            {
                Handle.Close();
                throw;
            }
        }
    }

    internal Zinc.Socket Handle { get; }

    /// <summary>Raised by a poller when a message can be received (the socket is polled for input only while handlers are attached).</summary>
    public event EventHandler<NetMQSocketEventArgs> ReceiveReady
    {
        add { _receiveReady += value; PollerChanged?.Invoke(); }
        remove { _receiveReady -= value; PollerChanged?.Invoke(); }
    }

    /// <summary>Raised by a poller when a message can be sent (the socket is polled for output only while handlers are attached).</summary>
    public event EventHandler<NetMQSocketEventArgs> SendReady
    {
        add { _sendReady += value; PollerChanged?.Invoke(); }
        remove { _sendReady -= value; PollerChanged?.Invoke(); }
    }

    // Set by a poller holding this socket, so a change of handlers is seen at once.
    internal Action? PollerChanged;

    /// <summary>The socket's options.</summary>
    public SocketOptions Options { get; }

    NetMQSocket ISocketPollable.Socket => this;

    /// <summary>True once closed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal PollEvents WantedEvents =>
        (_receiveReady is not null ? PollEvents.PollIn : PollEvents.None) |
        (_sendReady is not null ? PollEvents.PollOut : PollEvents.None);

    /// <summary>Binds to <paramref name="address"/>.</summary>
    public void Bind(string address) => Wrap(() => Handle.Bind(address));

    /// <summary>Binds to a free port of <paramref name="address"/> (e.g. "tcp://127.0.0.1"); returns the port.</summary>
    public int BindRandomPort(string address)
    {
        Bind(address + ":*");
        string last = Handle.LastEndpoint;
        return int.Parse(last[(last.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Connects to <paramref name="address"/>.</summary>
    public void Connect(string address) => Wrap(() => Handle.Connect(address));

    /// <summary>Disconnects from <paramref name="address"/>.</summary>
    public void Disconnect(string address) => Wrap(() => Handle.Disconnect(address));

    /// <summary>Unbinds from <paramref name="address"/>.</summary>
    public void Unbind(string address) => Wrap(() => Handle.Unbind(address));

    /// <summary>Closes the socket (as <see cref="Dispose"/>).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Handle.Close();
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>True when a message can be received now.</summary>
    public bool HasIn => (Wrap(() => Handle.GetEvents()) & Zinc.PollEvents.PollIn) != 0;

    /// <summary>True when a message can be sent now.</summary>
    public bool HasOut => (Wrap(() => Handle.GetEvents()) & Zinc.PollEvents.PollOut) != 0;

    /// <summary>Waits until the attached ReceiveReady/SendReady handlers can run, and runs them.</summary>
    public void Poll() => Poll(Timeout.InfiniteTimeSpan);

    /// <summary>Waits up to <paramref name="timeout"/> for the events handlers are attached for, and runs them; false if none came.</summary>
    public bool Poll(TimeSpan timeout)
    {
        PollEvents ready = Poll(WantedEvents, timeout);
        if (ready == PollEvents.None) return false;
        InvokeEvents(ready);
        return true;
    }

    /// <summary>Waits up to <paramref name="pollEvents"/>'s readiness for <paramref name="timeout"/>; returns what is ready.</summary>
    public PollEvents Poll(PollEvents pollEvents, TimeSpan timeout)
    {
        int n = Wrap(() => ZmqPollOne(Handle, (Zinc.PollEvents)(short)(pollEvents & (PollEvents.PollIn | PollEvents.PollOut)), ToMs(timeout)));
        return (PollEvents)n;
    }

    private static int ZmqPollOne(Zinc.Socket socket, Zinc.PollEvents events, int timeoutMs)
    {
        var items = new PollItem[] { new(socket, events) };
        ZmqPoll.Poll(items, timeoutMs);
        return (int)items[0].ReturnedEvents;
    }

    internal void InvokeEvents(PollEvents ready)
    {
        if (IsDisposed) return;
        _eventArgs.Init(ready);
        if ((ready & PollEvents.PollIn) != 0) _receiveReady?.Invoke(this, _eventArgs);
        if ((ready & PollEvents.PollOut) != 0 && !IsDisposed) _sendReady?.Invoke(this, _eventArgs);
    }

    /// <summary>Starts monitoring the socket's events on the inproc <paramref name="endpoint"/> (see <see cref="Monitoring.NetMQMonitor"/>).</summary>
    public void Monitor(string endpoint, SocketEvents events = SocketEvents.All) =>
        Wrap(() => Handle.Monitor(endpoint, (Zinc.SocketEvents)(ushort)events));

    /// <summary>Sends <paramref name="msg"/>, waiting at most <paramref name="timeout"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>); false if it timed out. On success <paramref name="msg"/> is left empty.</summary>
    public virtual bool TrySend(ref Msg msg, TimeSpan timeout, bool more)
    {
        if (!msg.IsInitialised) throw new FaultException("Cannot send an uninitialised Msg.");
        ZMsg frame = msg.ToEngine();
        SendFlags flags = more ? SendFlags.SendMore : SendFlags.None;
        int ms = ToMs(timeout);
        try
        {
            if (ms == 0) flags |= SendFlags.DontWait;
            else if (ms != _sndTimeo) { Handle.SetOption(SocketOption.SndTimeo, ms); _sndTimeo = ms; }
            if (!Handle.TrySend(ref frame, flags))
            {
                frame.Close();
                return false;
            }
        }
        catch (ZmqException e)
        {
            frame.Close();
            throw NetMQException.From(e);
        }
        msg.AfterSend();
        return true;
    }

    /// <summary>Receives into <paramref name="msg"/>, waiting at most <paramref name="timeout"/>; false if it timed out.</summary>
    public virtual bool TryReceive(ref Msg msg, TimeSpan timeout)
    {
        ZMsg frame = default;
        int ms = ToMs(timeout);
        try
        {
            ReceiveFlags flags = ReceiveFlags.None;
            if (ms == 0) flags = ReceiveFlags.DontWait;
            else if (ms != _rcvTimeo) { Handle.SetOption(SocketOption.RcvTimeo, ms); _rcvTimeo = ms; }
            if (!Handle.TryReceive(ref frame, flags)) return false;
        }
        catch (ZmqException e)
        {
            throw NetMQException.From(e);
        }
        msg.FromEngine(ref frame, Handle.HasMore);
        return true;
    }

    /// <summary>Milliseconds for a NetMQ timeout: -1 infinite.</summary>
    internal static int ToMs(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan || timeout == TimeSpan.MaxValue || timeout.TotalMilliseconds >= int.MaxValue) return -1;
        if (timeout <= TimeSpan.Zero) return 0;
        return Math.Max(1, (int)Math.Ceiling(timeout.TotalMilliseconds));
    }

    internal static void Wrap(Action action)
    {
        try { action(); }
        catch (ZmqException e) { throw NetMQException.From(e); }
    }

    internal static T Wrap<T>(Func<T> action)
    {
        try { return action(); }
        catch (ZmqException e) { throw NetMQException.From(e); }
    }

    /// <summary>The socket type and last endpoint.</summary>
    public override string ToString() => $"{GetType().Name}({Handle.LastEndpoint})";
}
