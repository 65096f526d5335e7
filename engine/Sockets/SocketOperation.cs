using System.Threading.Tasks.Sources;
using Zinc.Pipes;

namespace Zinc.Sockets;

/// <summary>
/// One direction's pending asynchronous send or receive on a socket: the pooled awaitable behind
/// <c>Socket.SendAsync</c> / <c>ReceiveAsync</c>. No thread waits: the operation arms the
/// socket's pipes, listens for the socket's wake-ups, and retries on the thread pool when one
/// comes. It completes once: with a frame, an error, a timeout (EAGAIN, from RCVTIMEO/SNDTIMEO)
/// or cancellation. One object per direction and socket, reused for every wait; a second wait
/// while one is pending is refused (EBUSY), as zeromq.js does.
/// </summary>
internal sealed class SocketOperation : IValueTaskSource<Msg>, IValueTaskSource, IPipeWaker, IThreadPoolWorkItem
{
    private readonly Socket _socket;
    private readonly bool _receive;
    private ManualResetValueTaskSourceCore<Msg> _core = new() { RunContinuationsAsynchronously = true };
    private int _busy;      // 1 from Start until the awaiter has taken the result
    private int _pending;   // 1 while waiting for a wake-up
    private int _queued;    // 1 while a retry sits in the thread pool
    private Msg _frame;     // send: the frame still to send
    private SendFlags _flags;
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _token;
    private Timer? _timer;
    // A ring's writer reads the parked flag without a fence and may, in a narrow race, miss it
    // (MsgRing): like a parked blocking call, a pending operation looks again after 1, 2, 4 ...
    // 64 ms, so a missed wake-up costs at most one slice.
    private Timer? _recheck;
    private int _slice;
    private int _recheckArmed;
    private bool _timeoutArmed;
    // What a retry does: send _frame, take a frame, or (WaitToReceiveAsync) only look for one.
    private AsyncAttempt _attempt;

    public SocketOperation(Socket socket, bool receive)
    {
        _socket = socket;
        _receive = receive;
        socket.AddListener(this);
    }

    /// <summary>Claims the operation; false when one is already pending in this direction.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    /// <summary>A wait in this direction is outstanding (its result not yet taken).</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0;

    public ValueTask<Msg> WaitToReceive(int timeoutMs, CancellationToken token)
    {
        _attempt = AsyncAttempt.Receive;
        Begin(timeoutMs, token);
        return new ValueTask<Msg>(this, _core.Version);
    }

    /// <summary>Waits until a frame could be received, without taking it (receive direction only).</summary>
    public ValueTask WaitUntilReadable(int timeoutMs, CancellationToken token)
    {
        _attempt = AsyncAttempt.Readable;
        Begin(timeoutMs, token);
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Waits to send <paramref name="frame"/>, which the operation now owns.</summary>
    public ValueTask WaitToSend(ref Msg frame, SendFlags flags, int timeoutMs, CancellationToken token)
    {
        _frame = frame;
        frame = default;
        _flags = flags;
        _attempt = AsyncAttempt.Send;
        Begin(timeoutMs, token);
        return new ValueTask(this, _core.Version);
    }

    private void Begin(int timeoutMs, CancellationToken token)
    {
        _core.Reset();
        _token = token;
        Volatile.Write(ref _pending, 1);
        if (timeoutMs > 0)
        {
            _timer ??= new Timer(static state => ((SocketOperation)state!).Finish(ZmqError.EAGAIN), this, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(timeoutMs, Timeout.Infinite);
            _timeoutArmed = true;
        }
        if (token.CanBeCanceled)
            _cancellation = token.UnsafeRegister(static state => ((SocketOperation)state!).Finish(ZmqError.EINTR), this);
        // Arming a timer takes a lock: a busy stream that waits thousands of times a second
        // arms it at most once a millisecond (a pending check re-arms itself, an idle one stops).
        _recheck ??= new Timer(static state => ((SocketOperation)state!).Recheck(), this, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.Exchange(ref _recheckArmed, 1) == 0)
        {
            _slice = 1;
            _recheck.Change(_slice, Timeout.Infinite);
        }
        Retry(inline: false); // what arrived between the caller's attempt and now
    }

    private void Recheck()
    {
        if (Volatile.Read(ref _pending) == 0)
        {
            Volatile.Write(ref _recheckArmed, 0);
            if (Volatile.Read(ref _pending) == 0 || Interlocked.Exchange(ref _recheckArmed, 1) != 0) return;
        }
        Wake();
        _slice = Math.Min(_slice * 2, 64);
        _recheck!.Change(_slice, Timeout.Infinite);
    }

    /// <summary>A wake-up from the socket (a pipe edge, a command, close): retry on the thread pool.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _pending) == 1 && Interlocked.Exchange(ref _queued, 1) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref _queued, 0);
        Retry(inline: true);
    }

    // inline: we are on a pool thread of our own, so the awaiter's continuation may run right
    // here (one hop from the wake-up to the application, not two).
    private void Retry(bool inline)
    {
        ZmqError error;
        Msg frame = default;
        _socket.AsyncGate.Enter();
        try
        {
            if (Volatile.Read(ref _pending) == 0) return;
            // Arm first, then try: a frame or credit arriving after the arming wakes us again.
            _socket.ArmForAsync(_receive);
            error = _socket.AttemptUnderGate(_attempt, ref _receive ? ref frame : ref _frame, _flags);
            if (error == ZmqError.EAGAIN) return;
            Settle(error);
        }
        finally
        {
            _socket.AsyncGate.Exit();
        }
        Publish(error, ref frame, inline);
    }

    /// <summary>Timeout (EAGAIN), cancellation (EINTR) or the socket closing (ENOTSOCK).</summary>
    public void Finish(ZmqError error)
    {
        _socket.AsyncGate.Enter();
        try
        {
            if (Volatile.Read(ref _pending) == 0) return;
            Settle(error);
        }
        finally
        {
            _socket.AsyncGate.Exit();
        }
        Msg none = default;
        // Timer, canceller or closing thread: the continuation goes to the pool, not onto them.
        Publish(error, ref none, inline: false);
    }

    // Under the gate, once per wait: stop waiting and let go of what the wait held.
    private void Settle(ZmqError error)
    {
        Volatile.Write(ref _pending, 0);
        if (_timeoutArmed)
        {
            _timeoutArmed = false;
            _timer!.Change(Timeout.Infinite, Timeout.Infinite);
        }
        _cancellation.Unregister(); // never waits for a callback in flight (which may be us)
        _cancellation = default;
        if (!_receive && error != ZmqError.None) _frame.Close(); // a frame not sent is dropped, as a failed zmq_send does
        _frame = default;
    }

    // Outside the gate: the awaiter's continuation may run inside SetResult.
    private void Publish(ZmqError error, ref Msg frame, bool inline)
    {
        _core.RunContinuationsAsynchronously = !inline;
        if (error == ZmqError.None) _core.SetResult(frame);
        else if (error == ZmqError.EINTR && _token.IsCancellationRequested) _core.SetException(new OperationCanceledException(_token));
        else _core.SetException(new ZmqException(error));
    }

    Msg IValueTaskSource<Msg>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    ValueTaskSourceStatus IValueTaskSource<Msg>.GetStatus(short token) => _core.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<Msg>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        _timer?.Dispose();
        _recheck?.Dispose();
    }
}
