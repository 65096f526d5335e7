using NetMQ.Sockets;

namespace NetMQ;

/// <summary>Arguments of <see cref="NetMQActor"/>'s events.</summary>
public class NetMQActorEventArgs : EventArgs
{
    /// <summary>Arguments for <paramref name="actor"/>.</summary>
    public NetMQActorEventArgs(NetMQActor actor) => Actor = actor;

    /// <summary>The actor.</summary>
    public NetMQActor Actor { get; }
}

/// <summary>
/// A thread with a PAIR socket (the shim) connected to this object: send to and receive from the
/// actor like a socket. The body must call <see cref="OutgoingSocketExtensions.SignalOK"/> on the shim
/// once ready (<see cref="Create(ShimAction)"/> waits for it) and return when it receives
/// <see cref="EndShimMessage"/>, which <see cref="Dispose"/> sends.
/// </summary>
public class NetMQActor : IOutgoingSocket, IReceivingSocket, ISocketPollable, IDisposable
{
    /// <summary>The frame <see cref="Dispose"/> sends to ask the body to end.</summary>
    public const string EndShimMessage = "endPipe";

    private readonly PairSocket _self, _shim;
    private readonly Thread _thread;
    private readonly NetMQActorEventArgs _args;
    private EventHandler<NetMQActorEventArgs>? _receiveReady, _sendReady;
    private int _disposed;

    private NetMQActor(Action<PairSocket> body)
    {
        PairSocket.CreateSocketPair(out _self, out _shim);
        _args = new NetMQActorEventArgs(this);
        _thread = new Thread(() =>
        {
            try { body(_shim); }
            catch (TerminatingException) { }
            _shim.TrySignalOK();
            _shim.Dispose();
        }) { IsBackground = true, Name = "NetMQActor" };
        _thread.Start();
        _self.ReceiveSignal();
    }

    /// <summary>Starts an actor running <paramref name="shimHandler"/>.</summary>
    public static NetMQActor Create(IShimHandler shimHandler) => new(shimHandler.Run);

    /// <summary>Starts an actor running <paramref name="action"/> with <paramref name="state"/>.</summary>
    public static NetMQActor Create<T>(ShimAction<T> action, T state) => new(shim => action(shim, state));

    /// <summary>Starts an actor running <paramref name="action"/>.</summary>
    public static NetMQActor Create(ShimAction action) => new(shim => action(shim));

    /// <summary>Raised by a poller when the actor has sent something.</summary>
    public event EventHandler<NetMQActorEventArgs> ReceiveReady
    {
        add { if (_receiveReady is null) _self.ReceiveReady += OnReceiveReady; _receiveReady += value; }
        remove { _receiveReady -= value; if (_receiveReady is null) _self.ReceiveReady -= OnReceiveReady; }
    }

    /// <summary>Raised by a poller when the actor can be sent to.</summary>
    public event EventHandler<NetMQActorEventArgs> SendReady
    {
        add { if (_sendReady is null) _self.SendReady += OnSendReady; _sendReady += value; }
        remove { _sendReady -= value; if (_sendReady is null) _self.SendReady -= OnSendReady; }
    }

    NetMQSocket ISocketPollable.Socket => _self;

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Sends to the actor's shim.</summary>
    public bool TrySend(ref Msg msg, TimeSpan timeout, bool more) => _self.TrySend(ref msg, timeout, more);

    /// <summary>Receives what the actor's shim sent.</summary>
    public bool TryReceive(ref Msg msg, TimeSpan timeout) => _self.TryReceive(ref msg, timeout);

    /// <summary>Sends <see cref="EndShimMessage"/>, waits for the body to end, and closes the socket.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_self.TrySendFrame(TimeSpan.FromSeconds(10), EndShimMessage))
            _self.TryReceiveSignal(TimeSpan.FromSeconds(10), out _);
        _self.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnReceiveReady(object? sender, NetMQSocketEventArgs e) => _receiveReady?.Invoke(this, _args);
    private void OnSendReady(object? sender, NetMQSocketEventArgs e) => _sendReady?.Invoke(this, _args);
}
