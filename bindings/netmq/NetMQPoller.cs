using System.Collections;
using System.Collections.Concurrent;
using Zinc;
using NetSocket = System.Net.Sockets.Socket;

namespace NetMQ;

/// <summary>
/// Polls sockets (anything <see cref="ISocketPollable"/>), timers and plain .NET sockets on one thread,
/// raising their ReceiveReady/SendReady/Elapsed events there. It is also a <see cref="TaskScheduler"/>
/// running tasks on that thread, and Add/Remove may be called from any thread: they run on the
/// poller's thread while it runs. Built on <see cref="ZmqPoll"/> with an inproc PAIR to wake it.
/// </summary>
public sealed class NetMQPoller : TaskScheduler, INetMQPoller, IEnumerable
{
    private static int _count;

    private readonly List<ISocketPollable> _pollables = new();
    private readonly List<NetMQTimer> _timers = new();
    private readonly List<(NetSocket Socket, Action<NetSocket> Callback)> _netSockets = new();
    private readonly ConcurrentQueue<Task> _tasks = new();
    private readonly Zinc.Socket _wakeReceiver, _wakeSender;
    private readonly object _wakeLock = new();
    private readonly ManualResetEventSlim _stopped = new(true);
    private readonly ManualResetEventSlim _started = new(false);
    private volatile bool _stopRequested;
    private volatile Thread? _thread;
    private int _disposed;

    /// <summary>A poller with nothing in it.</summary>
    public NetMQPoller()
    {
        Context context = NetMQConfig.Context;
        string address = $"inproc://NetMQPoller-{Interlocked.Increment(ref _count)}-{Guid.NewGuid():N}";
        _wakeReceiver = context.CreateSocket(SocketType.Pair);
        _wakeSender = context.CreateSocket(SocketType.Pair);
        _wakeReceiver.SetOption(SocketOption.Linger, 0);
        _wakeSender.SetOption(SocketOption.Linger, 0);
        _wakeReceiver.Bind(address);
        _wakeSender.Connect(address);
    }

    /// <summary>True while <see cref="Run()"/> is running.</summary>
    public bool IsRunning => _thread is not null;

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>True on the poller's own thread (or when it is not running).</summary>
    public bool CanExecuteTaskInline => _thread is null || _thread == Thread.CurrentThread;

    /// <inheritdoc />
    public override int MaximumConcurrencyLevel => 1;

    // ---- members ----

    /// <summary>Adds a socket (or queue, actor, beacon...).</summary>
    public void Add(ISocketPollable socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.IsDisposed) throw new ArgumentException("Must not be disposed.", nameof(socket));
        OnPollerThread(() =>
        {
            if (_pollables.Contains(socket)) return;
            _pollables.Add(socket);
            socket.Socket.PollerChanged = Wake;
        });
    }

    /// <summary>Adds a timer.</summary>
    public void Add(NetMQTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        OnPollerThread(() =>
        {
            if (_timers.Contains(timer)) return;
            _timers.Add(timer);
            timer.Poller = this;
            timer.When = -1;
        });
    }

    /// <summary>Adds a .NET socket; <paramref name="callback"/> runs on the poller's thread when it is readable.</summary>
    public void Add(NetSocket socket, Action<NetSocket> callback)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        OnPollerThread(() =>
        {
            if (_netSockets.Exists(s => s.Socket == socket)) return;
            _netSockets.Add((socket, callback));
        });
    }

    /// <summary>Removes a socket.</summary>
    public void Remove(ISocketPollable socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        OnPollerThread(() =>
        {
            if (_pollables.Remove(socket) && !socket.IsDisposed) socket.Socket.PollerChanged = null;
        });
    }

    /// <summary>Removes a socket and disposes it (on the poller's thread).</summary>
    public void RemoveAndDispose<T>(T socket) where T : ISocketPollable, IDisposable
    {
        ArgumentNullException.ThrowIfNull(socket);
        OnPollerThread(() =>
        {
            _pollables.Remove(socket);
            socket.Dispose();
        });
    }

    /// <summary>Removes a timer.</summary>
    public void Remove(NetMQTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        OnPollerThread(() =>
        {
            if (_timers.Remove(timer)) timer.Poller = null;
        });
    }

    /// <summary>Removes a .NET socket.</summary>
    public void Remove(NetSocket socket) => OnPollerThread(() => _netSockets.RemoveAll(s => s.Socket == socket));

    /// <summary>Whether the socket is in the poller (answered on the poller's thread).</summary>
    public Task<bool> ContainsAsync(ISocketPollable socket) => Ask(() => _pollables.Contains(socket));

    /// <summary>Whether the timer is in the poller.</summary>
    public Task<bool> ContainsAsync(NetMQTimer timer) => Ask(() => _timers.Contains(timer));

    /// <summary>Whether the .NET socket is in the poller.</summary>
    public Task<bool> ContainsAsync(NetSocket socket) => Ask(() => _netSockets.Exists(s => s.Socket == socket));

    /// <summary>Runs <paramref name="action"/> on the poller's thread (at once when already there or not running).</summary>
    public void Run(Action action)
    {
        if (CanExecuteTaskInline) action();
        else new Task(action).Start(this);
    }

    // ---- running ----

    /// <summary>Runs the poller on a new background thread; returns once it runs.</summary>
    public void RunAsync() => RunAsync("NetMQPoller", true);

    /// <summary>Runs the poller on a new background thread with the given name.</summary>
    public void RunAsync(string threadName) => RunAsync(threadName, true);

    /// <summary>Runs the poller on a new thread; returns once it runs.</summary>
    public void RunAsync(string threadName, bool isBackgroundThread)
    {
        ThrowIfDisposed();
        if (IsRunning) throw new InvalidOperationException("NetMQPoller is already running");
        _started.Reset();
        var thread = new Thread(() => Run()) { Name = threadName, IsBackground = isBackgroundThread };
        thread.Start();
        _started.Wait();
    }

    /// <summary>
    /// Runs the poller on the calling thread until <see cref="Stop"/> or <see cref="StopAsync"/>, with a
    /// synchronization context that posts to the poller, so <c>await</c> in a handler resumes there.
    /// </summary>
    public void Run() => Run(new PollerSynchronizationContext(this));

    /// <summary>Runs the poller on the calling thread, with <paramref name="syncContext"/> installed while it runs.</summary>
    public void Run(SynchronizationContext? syncContext)
    {
        ThrowIfDisposed();
        if (Interlocked.CompareExchange(ref _thread, Thread.CurrentThread, null) is not null)
            throw new InvalidOperationException("NetMQPoller is already running");
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(syncContext);
        _stopRequested = false;
        _stopped.Reset();
        _started.Set();
        try
        {
            Loop();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            _thread = null;
            _started.Reset();
            _stopped.Set();
        }
    }

    /// <summary>Stops the poller; from another thread, waits until it has stopped.</summary>
    public void Stop()
    {
        if (!IsRunning) return;
        if (Thread.CurrentThread == _thread)
        {
            _stopRequested = true;
            return;
        }
        StopAsync();
        _stopped.Wait();
    }

    /// <summary>Asks the poller to stop, without waiting.</summary>
    public void StopAsync()
    {
        _stopRequested = true;
        Wake();
    }

    /// <summary>Stops the poller if it runs, and releases it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Stop();
        lock (_wakeLock)
        {
            _wakeSender.Close();
            _wakeReceiver.Close();
        }
        foreach (NetMQTimer timer in _timers) timer.Poller = null;
        foreach (ISocketPollable p in _pollables)
            if (!p.IsDisposed) p.Socket.PollerChanged = null;
    }

    /// <summary>Not supported (as in NetMQ): the poller is not enumerable.</summary>
    IEnumerator IEnumerable.GetEnumerator() => throw new NotSupportedException();

    internal void Wake()
    {
        lock (_wakeLock)
        {
            if (IsDisposed) return;
            // One pending wake-up is enough: a full pipe means the poller will wake anyway.
            _wakeSender.TrySend(ReadOnlySpan<byte>.Empty, SendFlags.DontWait);
        }
    }

    private void Loop()
    {
        var items = new List<PollItem>();
        var owners = new List<object>();
        while (!_stopRequested)
        {
            items.Clear();
            owners.Clear();
            items.Add(new PollItem(_wakeReceiver, Zinc.PollEvents.PollIn));
            owners.Add(this);
            for (int i = 0; i < _pollables.Count; i++)
            {
                ISocketPollable p = _pollables[i];
                if (p.IsDisposed) continue;
                PollEvents wanted = p.Socket.WantedEvents;
                if (wanted == PollEvents.None) continue;
                items.Add(new PollItem(p.Socket.Handle, (Zinc.PollEvents)(short)wanted));
                owners.Add(p.Socket);
            }
            foreach (var (socket, _) in _netSockets)
            {
                items.Add(new PollItem((int)socket.Handle, Zinc.PollEvents.PollIn));
                owners.Add(socket);
            }

            long now = PollerClock.Milliseconds;
            long next = long.MaxValue;
            foreach (NetMQTimer t in _timers)
            {
                if (!t.Enable) continue;
                if (Volatile.Read(ref t.When) < 0) t.When = now + t.Interval;
                next = Math.Min(next, t.When);
            }
            int timeout = next == long.MaxValue ? -1 : (int)Math.Clamp(next - now, 0, int.MaxValue);
            if (!_tasks.IsEmpty) timeout = 0;

            PollItem[] array = items.ToArray();
            ZmqPoll.Poll(array, timeout);

            if ((array[0].ReturnedEvents & Zinc.PollEvents.PollIn) != 0)
                while (_wakeReceiver.TryReceiveBytes(out _, ReceiveFlags.DontWait)) { }
            while (_tasks.TryDequeue(out Task? task)) TryExecuteTask(task);

            for (int i = 1; i < array.Length && !_stopRequested; i++)
            {
                Zinc.PollEvents ready = array[i].ReturnedEvents;
                if (ready == Zinc.PollEvents.None) continue;
                if (owners[i] is NetMQSocket socket)
                {
                    socket.InvokeEvents((PollEvents)(int)ready);
                }
                else if (owners[i] is NetSocket netSocket)
                {
                    int k = _netSockets.FindIndex(s => s.Socket == netSocket);
                    if (k >= 0) _netSockets[k].Callback(netSocket);
                }
            }

            if (_timers.Count > 0)
            {
                now = PollerClock.Milliseconds;
                foreach (NetMQTimer t in _timers.ToArray())
                {
                    if (_stopRequested) break;
                    if (!t.Enable || t.When < 0 || t.When > now) continue;
                    t.When = now + t.Interval;
                    t.InvokeElapsed(t);
                }
            }
        }
    }

    private void OnPollerThread(Action action)
    {
        ThrowIfDisposed();
        if (CanExecuteTaskInline)
        {
            action();
            return;
        }
        var task = new Task(action);
        task.Start(this);
        task.Wait();
    }

    private Task<bool> Ask(Func<bool> question)
    {
        if (CanExecuteTaskInline) return Task.FromResult(question());
        var task = new Task<bool>(question);
        task.Start(this);
        return task;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    // Posts continuations to the poller's thread.
    private sealed class PollerSynchronizationContext : SynchronizationContext
    {
        private readonly NetMQPoller _poller;

        public PollerSynchronizationContext(NetMQPoller poller) => _poller = poller;

        public override void Post(SendOrPostCallback d, object? state) => new Task(() => d(state)).Start(_poller);

        public override void Send(SendOrPostCallback d, object? state)
        {
            if (_poller.CanExecuteTaskInline) d(state);
            else
            {
                var task = new Task(() => d(state));
                task.Start(_poller);
                task.Wait();
            }
        }

        public override SynchronizationContext CreateCopy() => this;
    }

    /// <inheritdoc />
    protected override void QueueTask(Task task)
    {
        _tasks.Enqueue(task);
        Wake();
    }

    /// <inheritdoc />
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _thread == Thread.CurrentThread && TryExecuteTask(task);

    /// <inheritdoc />
    protected override IEnumerable<Task>? GetScheduledTasks() => null;
}
