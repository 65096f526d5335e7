using NetMQ.Sockets;

namespace NetMQ;

/// <summary>Something frames can be sent to.</summary>
public interface IOutgoingSocket
{
    /// <summary>Sends <paramref name="msg"/>, waiting at most <paramref name="timeout"/>; false if it timed out.</summary>
    bool TrySend(ref Msg msg, TimeSpan timeout, bool more);
}

/// <summary>Something frames can be received from.</summary>
public interface IReceivingSocket
{
    /// <summary>Receives into <paramref name="msg"/>, waiting at most <paramref name="timeout"/>; false if it timed out.</summary>
    bool TryReceive(ref Msg msg, TimeSpan timeout);
}

/// <summary>Something a <see cref="NetMQPoller"/> can poll: it is backed by a socket.</summary>
public interface ISocketPollable
{
    /// <summary>The socket polled.</summary>
    NetMQSocket Socket { get; }

    /// <summary>True once disposed.</summary>
    bool IsDisposed { get; }
}

/// <summary>The socket-level operations of <see cref="NetMQSocket"/>.</summary>
public interface INetMQSocket : IOutgoingSocket, IReceivingSocket, ISocketPollable, IDisposable
{
    /// <summary>The socket's options.</summary>
    SocketOptions Options { get; }
    /// <summary>Binds to an endpoint.</summary>
    void Bind(string address);
    /// <summary>Binds to a random free port; returns it.</summary>
    int BindRandomPort(string address);
    /// <summary>Connects to an endpoint.</summary>
    void Connect(string address);
    /// <summary>Disconnects from an endpoint.</summary>
    void Disconnect(string address);
    /// <summary>Unbinds from an endpoint.</summary>
    void Unbind(string address);
    /// <summary>Closes the socket.</summary>
    void Close();
    /// <summary>Starts monitoring the socket's events on an inproc endpoint.</summary>
    void Monitor(string endpoint, SocketEvents events = SocketEvents.All);
    /// <summary>True when a message can be received now.</summary>
    bool HasIn { get; }
    /// <summary>True when a message can be sent now.</summary>
    bool HasOut { get; }
}

/// <summary>The operations of <see cref="NetMQPoller"/>.</summary>
public interface INetMQPoller : IDisposable
{
    /// <summary>Runs the poller on the calling thread until stopped.</summary>
    void Run();
    /// <summary>Runs the poller on a new thread.</summary>
    void RunAsync();
    /// <summary>Stops the poller and waits for it to stop.</summary>
    void Stop();
    /// <summary>Asks the poller to stop.</summary>
    void StopAsync();
    /// <summary>True while running.</summary>
    bool IsRunning { get; }
    /// <summary>Adds a pollable.</summary>
    void Add(ISocketPollable socket);
    /// <summary>Removes a pollable.</summary>
    void Remove(ISocketPollable socket);
    /// <summary>Removes and disposes a pollable.</summary>
    void RemoveAndDispose<T>(T socket) where T : ISocketPollable, IDisposable;
}

/// <summary>Arguments of <see cref="NetMQSocket.ReceiveReady"/> and <see cref="NetMQSocket.SendReady"/>.</summary>
public class NetMQSocketEventArgs : EventArgs
{
    /// <summary>Arguments for <paramref name="socket"/>.</summary>
    public NetMQSocketEventArgs(NetMQSocket socket) => Socket = socket;

    /// <summary>The socket.</summary>
    public NetMQSocket Socket { get; }

    /// <summary>True when a message can be received.</summary>
    public bool IsReadyToReceive { get; private set; }

    /// <summary>True when a message can be sent.</summary>
    public bool IsReadyToSend { get; private set; }

    internal void Init(PollEvents events)
    {
        IsReadyToReceive = (events & PollEvents.PollIn) != 0;
        IsReadyToSend = (events & PollEvents.PollOut) != 0;
    }
}

/// <summary>A socket actor body (<see cref="NetMQActor.Create(IShimHandler)"/>).</summary>
public interface IShimHandler
{
    /// <summary>Runs the actor on its own thread; <paramref name="shim"/> talks to the actor's owner.</summary>
    void Run(PairSocket shim);
}

/// <summary>An actor body.</summary>
public delegate void ShimAction(PairSocket shim);

/// <summary>An actor body with a state.</summary>
public delegate void ShimAction<in T>(PairSocket shim, T state);
