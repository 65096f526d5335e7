using System.Runtime.CompilerServices;
using System.Text;
using Zinc.Sockets;

namespace Zinc;

// async/await without a thread per call. A call first tries at once (no allocation when a frame
// or credit is there); otherwise the direction's SocketOperation waits for the socket's wake-up.
// RCVTIMEO/SNDTIMEO bound the wait (EAGAIN), a CancellationToken cancels it, closing the socket
// ends it (ENOTSOCK), terminating the context too (ETERM). Sockets are not thread-safe: one
// pending call per direction (a second gets EBUSY); a send and a receive may be pending together,
// and asynchronous calls never run the socket on two threads at once (AsyncGate). Mixing them
// with synchronous calls from another thread at the same time is not allowed, as with libzmq;
// the one exception is a non-blocking TryReceive after WaitToReceiveAsync, which takes the gate.
public sealed partial class Socket
{
    private SocketOperation? _sendOperation;
    private SocketOperation? _receiveOperation;
    // Set by WaitToReceiveAsync on the caller's thread before its TryReceive calls, so those
    // always take the gate that a concurrent SendAsync takes too.
    private bool _asyncUsed;

    /// <summary>Serialises the socket's asynchronous attempts (a send and a receive retrying on two pool threads).</summary>
    internal AsyncGate AsyncGate { get; } = new();

    /// <summary>
    /// Sends <paramref name="msg"/>, which the call takes over (it is empty afterwards, sent or
    /// not). Completes when the frame is queued; fails with EAGAIN after SNDTIMEO, EBUSY when
    /// another send is pending, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public ValueTask SendAsync(ref Msg msg, SendFlags flags = SendFlags.None, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            msg.Close();
            return ValueTask.FromCanceled(cancellationToken);
        }
        SocketOperation operation = _sendOperation ??= CreateOperation(receive: false);
        ZmqError error = operation.IsBusy ? ZmqError.EBUSY : SpinAttempt(ref msg, AsyncAttempt.Send, flags, noWait: Options.SndTimeo == 0);
        if (error == ZmqError.None) return ValueTask.CompletedTask;
        if (error == ZmqError.EAGAIN && Options.SndTimeo != 0)
        {
            if (operation.TryClaim()) return operation.WaitToSend(ref msg, flags, Options.SndTimeo, cancellationToken);
            error = ZmqError.EBUSY;
        }
        msg.Close();
        return ValueTask.FromException(error == ZmqError.EBUSY ? Busy("send") : new ZmqException(error));
    }

    /// <summary>Sends a copy of <paramref name="data"/>; see <see cref="SendAsync(ref Msg, SendFlags, CancellationToken)"/>.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, SendFlags flags = SendFlags.None, CancellationToken cancellationToken = default)
    {
        Msg msg = Msg.Copy(data.Span);
        return SendAsync(ref msg, flags, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/> as UTF-8.</summary>
    public ValueTask SendAsync(string text, SendFlags flags = SendFlags.None, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(text), flags, cancellationToken);

    /// <summary>
    /// Sends every frame of a multipart message, in order. Cancellation can stop it only before
    /// the first frame is queued: after that the rest follows (continuation frames never wait),
    /// so a cancelled call never leaves half a message to be joined onto the next one.
    /// </summary>
    public async ValueTask SendMultipartAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < frames.Count; i++)
        {
            await SendAsync(frames[i], i < frames.Count - 1 ? SendFlags.SendMore : SendFlags.None,
                i == 0 ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Receives one frame; the caller owns it (close it when done). <see cref="HasMore"/> tells
    /// whether more frames of the message follow. Fails with EAGAIN after RCVTIMEO, EBUSY when
    /// another receive is pending, and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public ValueTask<Msg> ReceiveAsync(CancellationToken cancellationToken = default) => ReceiveAsync(Options.RcvTimeo, cancellationToken);

    // timeoutMs: -1 waits as long as it takes, 0 never waits.
    private ValueTask<Msg> ReceiveAsync(int timeoutMs, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<Msg>(cancellationToken);
        SocketOperation operation = _receiveOperation ??= CreateOperation(receive: true);
        // The fast path claims nothing: a frame taken at once needs no awaitable. Only a wait
        // claims the direction's operation (and a second overlapping wait gets EBUSY).
        if (operation.IsBusy) return ValueTask.FromException<Msg>(Busy("receive"));
        Msg msg = default;
        ZmqError error = SpinAttempt(ref msg, AsyncAttempt.Receive, SendFlags.None, noWait: timeoutMs == 0);
        if (error == ZmqError.None) return new ValueTask<Msg>(msg);
        if (error != ZmqError.EAGAIN || timeoutMs == 0) return ValueTask.FromException<Msg>(new ZmqException(error));
        if (!operation.TryClaim()) return ValueTask.FromException<Msg>(Busy("receive"));
        return operation.WaitToReceive(timeoutMs, cancellationToken);
    }

    /// <summary>
    /// Completes when a frame can be received at once, for loops that take every queued frame
    /// without awaiting each: <c>await WaitToReceiveAsync(); while (TryReceive(ref msg, ReceiveFlags.DontWait)) ...</c>
    /// (the pattern of ChannelReader.WaitToReadAsync). Fails as <see cref="ReceiveAsync(CancellationToken)"/> does:
    /// EAGAIN after RCVTIMEO, EBUSY while another receive is pending, ENOTSOCK or ETERM when the
    /// socket or its context ends, <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public ValueTask WaitToReceiveAsync(CancellationToken cancellationToken = default) =>
        WaitToReceiveAsync(Options.RcvTimeo, cancellationToken);

    // timeoutMs: -1 waits as long as it takes, 0 never waits.
    internal ValueTask WaitToReceiveAsync(int timeoutMs, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        _asyncUsed = true;
        if (_receiveOperation is { IsBusy: true }) return ValueTask.FromException(Busy("receive"));
        Msg none = default;
        ZmqError error = SpinAttempt(ref none, AsyncAttempt.Readable, SendFlags.None, noWait: timeoutMs == 0);
        if (error == ZmqError.None) return ValueTask.CompletedTask;
        if (error != ZmqError.EAGAIN || timeoutMs == 0) return ValueTask.FromException(new ZmqException(error));
        SocketOperation operation = _receiveOperation ??= CreateOperation(receive: true);
        if (!operation.TryClaim()) return ValueTask.FromException(Busy("receive"));
        return operation.WaitUntilReadable(timeoutMs, cancellationToken);
    }

    /// <summary>
    /// Every frame as it arrives, for <c>await foreach (Msg frame in socket.ReceiveFramesAsync(ct))</c>:
    /// no allocation per frame, and an await only when nothing is queued. Each frame is the
    /// caller's (close it when done); <see cref="Msg.HasMore"/> tells whether the message goes on.
    /// Waits as long as it takes (RCVTIMEO does not end the loop); ends when the socket is closed
    /// or its context terminated; cancellation throws.
    /// </summary>
    public FrameStream ReceiveFramesAsync(CancellationToken cancellationToken = default) => new(this, cancellationToken);

    /// <summary>One non-blocking take under the gate (FrameStream's fast path).</summary>
    internal bool TryReceiveFrame(ref Msg msg) => ReceiveUnderGate(ref msg) == ZmqError.None;

    private ZmqError ReceiveUnderGate(ref Msg msg)
    {
        AsyncGate.Enter();
        try
        {
            return ReceiveCore(ref msg, ReceiveFlags.DontWait);
        }
        finally
        {
            AsyncGate.Exit();
        }
    }

    /// <summary>Whether a frame can be received at once: None, EAGAIN, or why never (ENOTSOCK, ETERM, ENOTSUP).</summary>
    internal ZmqError ReceiveReadiness()
    {
        if (_closed) return ZmqError.ENOTSOCK;
        if (_hasCommands) ProcessCommands();
        if (_stopped) return ZmqError.ETERM;
        if (!_canReceive) return ZmqError.ENOTSUP;
        return _pattern.CanReceive ? ZmqError.None : ZmqError.EAGAIN;
    }

    /// <summary>Receives one frame as a new array.</summary>
    public ValueTask<byte[]> ReceiveBytesAsync(CancellationToken cancellationToken = default) =>
        ReceiveBytesAsync(Options.RcvTimeo, cancellationToken);

    private async ValueTask<byte[]> ReceiveBytesAsync(int timeoutMs, CancellationToken cancellationToken)
    {
        Msg msg = await ReceiveAsync(timeoutMs, cancellationToken).ConfigureAwait(false);
        byte[] data = msg.ToArray();
        msg.Close();
        return data;
    }

    /// <summary>Receives one frame as UTF-8 text.</summary>
    public async ValueTask<string> ReceiveStringAsync(CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await ReceiveBytesAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Receives a whole multipart message (its frames arrive together, so only the first is awaited).</summary>
    public ValueTask<byte[][]> ReceiveMultipartAsync(CancellationToken cancellationToken = default) =>
        ReceiveMultipartAsync(Options.RcvTimeo, cancellationToken);

    private async ValueTask<byte[][]> ReceiveMultipartAsync(int timeoutMs, CancellationToken cancellationToken)
    {
        var frames = new List<byte[]> { await ReceiveBytesAsync(timeoutMs, cancellationToken).ConfigureAwait(false) };
        AsyncGate.Enter();
        try
        {
            Msg msg = default;
            while (_rcvMore)
            {
                ZmqException.ThrowIf(ReceiveCore(ref msg, ReceiveFlags.DontWait));
                frames.Add(msg.ToArray());
            }
            msg.Close();
        }
        finally
        {
            AsyncGate.Exit();
        }
        return frames.ToArray();
    }

    /// <summary>
    /// Every message as it arrives, as arrays of frames: <c>await foreach (var frames in socket.ReceiveAllAsync(ct))</c>.
    /// Waits as long as it takes (RCVTIMEO does not end the loop); ends when the socket is closed
    /// or its context terminated; cancellation throws.
    /// </summary>
    public async IAsyncEnumerable<byte[][]> ReceiveAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            byte[][] frames;
            try
            {
                frames = await ReceiveMultipartAsync(-1, cancellationToken).ConfigureAwait(false);
            }
            catch (ZmqException e) when (e.Error is ZmqError.ENOTSOCK or ZmqError.ETERM)
            {
                yield break;
            }
            yield return frames;
        }
    }

    // A frame or credit usually arrives within microseconds of the last: look again for as long
    // as a blocking call would spin (WaitStrategy: fine rounds, then yields, giving up early when
    // yields show the cores are busy) before paying for a wait (timer arming, a pool hop).
    private ZmqError SpinAttempt(ref Msg msg, AsyncAttempt attempt, SendFlags sendFlags, bool noWait)
    {
        Zinc.Pipes.WaitStrategy strategy = Context.WaitStrategy; // one strategy for the whole spin
        int rounds = noWait ? 0 : strategy.SpinIterations;
        int contended = 0;
        long spinStart = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; ; i++)
        {
            ZmqError error;
            AsyncGate.Enter();
            try
            {
                error = AttemptUnderGate(attempt, ref msg, sendFlags);
            }
            finally
            {
                AsyncGate.Exit();
            }
            if (error != ZmqError.EAGAIN || i >= rounds) return error;
            if (Zinc.Pipes.WaitStrategy.SpinOnce(i) && ++contended == strategy.ContendedYieldLimit) return error;
            if (strategy.OutOfTime(i, spinStart)) return error;
        }
    }

    /// <summary>One non-blocking attempt of the given kind; the caller holds the <see cref="AsyncGate"/>.</summary>
    internal ZmqError AttemptUnderGate(AsyncAttempt attempt, ref Msg msg, SendFlags sendFlags) => attempt switch
    {
        AsyncAttempt.Receive => ReceiveCore(ref msg, ReceiveFlags.DontWait),
        AsyncAttempt.Send => SendCore(ref msg, sendFlags | SendFlags.DontWait),
        _ => ReceiveReadiness(),
    };

    /// <summary>
    /// Before an asynchronous attempt: take in pending commands (a pipe attached by a connect),
    /// then arm every pipe, so a frame or credit arriving after the attempt wakes the operation.
    /// </summary>
    internal void ArmForAsync(bool receive)
    {
        if (_hasCommands) ProcessCommands();
        if (receive) ArmForReceive();
        else ArmForSend();
    }

    private static ZmqException Busy(string direction) =>
        new(ZmqError.EBUSY, $"another {direction} is pending on this socket (one at a time per direction)");

    private SocketOperation CreateOperation(bool receive)
    {
        ThrowIfClosed();
        return new SocketOperation(this, receive);
    }

    /// <summary>Ends pending asynchronous calls when the socket closes.</summary>
    private void EndAsyncOperations()
    {
        _sendOperation?.Finish(ZmqError.ENOTSOCK);
        _receiveOperation?.Finish(ZmqError.ENOTSOCK);
        _sendOperation?.Dispose();
        _receiveOperation?.Dispose();
    }
}

/// <summary>What one non-blocking asynchronous attempt does.</summary>
internal enum AsyncAttempt
{
    Receive,
    Send,
    /// <summary>Only looks whether a frame could be received (WaitToReceiveAsync).</summary>
    Readable,
}
