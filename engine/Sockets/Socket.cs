using System.Buffers.Binary;
using System.Text;
using Zinc.Core;
using Zinc.Pipes;
using Zinc.Sockets;

namespace Zinc;

/// <summary>
/// A ZeroMQ socket. Like libzmq's, it is not thread-safe: use it from one thread at a time.
/// Blocking calls return ETERM when the context terminates.
/// </summary>
public sealed partial class Socket : IDisposable
{
    private readonly SocketPattern _pattern;
    private bool _rcvMore;
    private bool _closed;

    internal Socket(Context context, SocketType type)
    {
        Context = context;
        Type = type;
        Options = new SocketOptions();
        _pattern = PatternFactory.Create(type, this);
        _canSend = _pattern.SupportsSend;
        _canReceive = _pattern.SupportsReceive;
    }

    // The type's fixed abilities, read once: they are checked on every send and receive.
    private readonly bool _canSend;
    private readonly bool _canReceive;

    /// <summary>The context that made this socket.</summary>
    public Context Context { get; }

    /// <summary>The socket type (ZMQ_TYPE).</summary>
    public SocketType Type { get; }

    internal SocketOptions Options { get; }

    internal SocketPattern Pattern => _pattern;

    /// <summary>True when the last frame received has more frames after it (ZMQ_RCVMORE).</summary>
    public bool HasMore => _rcvMore;

    /// <summary>The endpoint last bound or connected (ZMQ_LAST_ENDPOINT).</summary>
    public string LastEndpoint { get; private set; } = "";

    // ---- sending ----

    /// <summary>Sends a frame; returns false if it would block (DONTWAIT, or SNDTIMEO elapsed). On success the frame is moved out of <paramref name="msg"/>.</summary>
    public bool TrySend(ref Msg msg, SendFlags flags = SendFlags.None)
    {
        ZmqError error = SendInline(ref msg, flags);
        if (error == ZmqError.None) return true;
        if (error == ZmqError.EAGAIN) return false;
        throw new ZmqException(error);
    }

    /// <summary>Sends a frame, throwing <see cref="ZmqException"/> (EAGAIN on timeout).</summary>
    public void Send(ref Msg msg, SendFlags flags = SendFlags.None) => ZmqException.ThrowIf(SendInline(ref msg, flags));

    /// <summary>Sends a copy of <paramref name="data"/>; returns false if it would block.</summary>
    public bool TrySend(ReadOnlySpan<byte> data, SendFlags flags = SendFlags.None)
    {
        Msg msg = Msg.Copy(data);
        ZmqError error = SendCore(ref msg, flags);
        if (error == ZmqError.None) return true;
        msg.Close();
        if (error == ZmqError.EAGAIN) return false;
        throw new ZmqException(error);
    }

    /// <summary>Sends a copy of <paramref name="data"/>.</summary>
    public void Send(ReadOnlySpan<byte> data, SendFlags flags = SendFlags.None)
    {
        Msg msg = Msg.Copy(data);
        ZmqError error = SendCore(ref msg, flags);
        if (error == ZmqError.None) return;
        msg.Close();
        throw new ZmqException(error);
    }

    /// <summary>Sends <paramref name="text"/> as UTF-8.</summary>
    public void Send(string text, SendFlags flags = SendFlags.None) => Send(Encoding.UTF8.GetBytes(text), flags);

    /// <summary>Sends every frame of a multipart message.</summary>
    public void SendMultipart(IReadOnlyList<byte[]> frames)
    {
        for (int i = 0; i < frames.Count; i++)
            Send(frames[i], i < frames.Count - 1 ? SendFlags.SendMore : SendFlags.None);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal ZmqError SendCore(ref Msg msg, SendFlags flags) => SendInline(ref msg, flags);

    // The Msg overloads above take this body inline, so a send loop saves a call and its frame
    // (inproc PUSH/PULL 8 B: ~10% more msg/s); the other overloads share one copy, SendCore.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ZmqError SendInline(ref Msg msg, SendFlags flags)
    {
        if (_closed) return ZmqError.ENOTSOCK;
        if (_hasCommands) ProcessCommands();
        if (_stopped) return ZmqError.ETERM;
        if (!_canSend) return ZmqError.ENOTSUP;
        // A socket that only sends (PUB) must still let go of closed peers once it has read
        // what they left (their subscriptions), or it would keep fanning out to them.
        if (_draining is { Count: > 0 }) ReapDrainedPipes();
        msg.HasMore = (flags & SendFlags.SendMore) != 0;
        ZmqError error = _pattern.TrySend(ref msg);
        if (error == ZmqError.EAGAIN && (flags & SendFlags.DontWait) == 0 && Options.SndTimeo != 0)
            error = WaitToSend(ref msg);
        if (error == ZmqError.None && !_sentSinceReceive) _sentSinceReceive = true;
        return error;
    }

    // ---- receiving ----

    /// <summary>Receives a frame into <paramref name="msg"/> (its old payload is released); returns false if it would block.</summary>
    public bool TryReceive(ref Msg msg, ReceiveFlags flags = ReceiveFlags.None)
    {
        // After WaitToReceiveAsync a SendAsync may be running or retrying on a pool thread: a
        // non-blocking take on a socket that has used the async API goes through the same gate.
        ZmqError error = _asyncUsed && (flags & ReceiveFlags.DontWait) != 0
            ? ReceiveUnderGate(ref msg)
            : ReceiveInline(ref msg, flags);
        if (error == ZmqError.None) return true;
        if (error == ZmqError.EAGAIN) return false;
        throw new ZmqException(error);
    }

    /// <summary>Receives a frame into <paramref name="msg"/>, throwing <see cref="ZmqException"/> (EAGAIN on timeout).</summary>
    public void Receive(ref Msg msg, ReceiveFlags flags = ReceiveFlags.None) => ZmqException.ThrowIf(ReceiveInline(ref msg, flags));

    /// <summary>Receives a frame as a new array.</summary>
    public byte[] ReceiveBytes(ReceiveFlags flags = ReceiveFlags.None)
    {
        Msg msg = default;
        ZmqException.ThrowIf(ReceiveCore(ref msg, flags));
        byte[] data = msg.ToArray();
        msg.Close();
        return data;
    }

    /// <summary>Receives a frame as a new array; false if it would block.</summary>
    public bool TryReceiveBytes(out byte[] data, ReceiveFlags flags = ReceiveFlags.None)
    {
        Msg msg = default;
        ZmqError error = ReceiveCore(ref msg, flags);
        if (error != ZmqError.None)
        {
            data = Array.Empty<byte>();
            if (error == ZmqError.EAGAIN) return false;
            throw new ZmqException(error);
        }
        data = msg.ToArray();
        msg.Close();
        return true;
    }

    /// <summary>Receives a frame as UTF-8 text.</summary>
    public string ReceiveString(ReceiveFlags flags = ReceiveFlags.None) => Encoding.UTF8.GetString(ReceiveBytes(flags));

    /// <summary>Receives every frame of the next message.</summary>
    public List<byte[]> ReceiveMultipart()
    {
        var frames = new List<byte[]> { ReceiveBytes() };
        while (_rcvMore) frames.Add(ReceiveBytes());
        return frames;
    }

    /// <summary>Like zmq_recv: copies up to buffer.Length bytes and returns the frame's full size (which may be larger: truncated).</summary>
    public int Receive(Span<byte> buffer, ReceiveFlags flags = ReceiveFlags.None)
    {
        Msg msg = default;
        ZmqException.ThrowIf(ReceiveCore(ref msg, flags));
        Span<byte> data = msg.Data;
        int size = data.Length;
        data.Slice(0, Math.Min(size, buffer.Length)).CopyTo(buffer);
        msg.Close();
        return size;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal ZmqError ReceiveCore(ref Msg msg, ReceiveFlags flags) => ReceiveInline(ref msg, flags);

    // Inline in the Msg overloads, as SendInline.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ZmqError ReceiveInline(ref Msg msg, ReceiveFlags flags)
    {
        if (_closed) return ZmqError.ENOTSOCK;
        if (_hasCommands) ProcessCommands();
        if (_stopped) return ZmqError.ETERM;
        if (!_canReceive) return ZmqError.ENOTSUP;
        msg.Close();
        ZmqError error = _pattern.TryReceive(ref msg);
        // A connection lent to this thread is read by nobody else: look at it before saying EAGAIN.
        if (error == ZmqError.EAGAIN && _pumpSources > 0 && PumpPipes(requestLend: false)) error = _pattern.TryReceive(ref msg);
        if (error == ZmqError.EAGAIN && (flags & ReceiveFlags.DontWait) == 0 && Options.RcvTimeo != 0)
            error = WaitToReceive(ref msg);
        if (error == ZmqError.None)
        {
            _rcvMore = msg.HasMore;
            if (_sentSinceReceive) _sentSinceReceive = false;
        }
        return error;
    }

    // ---- options ----

    /// <summary>ZMQ_EVENTS: what a send or receive could do now without blocking.</summary>
    public PollEvents GetEvents()
    {
        if (_closed) throw new ZmqException(ZmqError.ENOTSOCK);
        if (_hasCommands) ProcessCommands();
        if (_fd is null) return PollReadiness(PollEvents.PollIn | PollEvents.PollOut);
        // With ZMQ_FD in use, reading the events resets the fd and arms the pipes, so the next
        // change of readiness makes the fd readable again.
        _fd.Clear();
        ArmForReceive();
        ArmForSend();
        PollEvents ready = PollReadiness(PollEvents.PollIn | PollEvents.PollOut);
        // No POLLIN: the application may now sleep in poll(2) on the fd, and nothing re-checks
        // for it, so a flush racing with the arming must not go unseen (see ParkFence).
        if ((ready & PollEvents.PollIn) != 0 || _pipes.Count == 0) return ready;
        ParkFence.AfterArming();
        return PollReadiness(PollEvents.PollIn | PollEvents.PollOut);
    }

    private SocketFd? _fd;

    /// <summary>ZMQ_FD: a descriptor that turns readable when <see cref="GetEvents"/> may have changed.</summary>
    public int GetFd()
    {
        if (_closed) throw new ZmqException(ZmqError.ENOTSOCK);
        if (_fd is null)
        {
            _fd = new SocketFd();
            AddListener(_fd);
            _fd.Wake(); // readable at first, as libzmq's: the application checks EVENTS once
        }
        return _fd.Fd;
    }

    private const int InprocLinger = -1;

    /// <summary>Closes the socket (zmq_close): messages already queued to inproc peers stay readable by them.</summary>
    public void Dispose() => Close();

    /// <summary>Closes the socket; see <see cref="Dispose"/>.</summary>
    public void Close()
    {
        if (_closed) return;
        if (_sendOperation is not null || _receiveOperation is not null)
        {
            // An asynchronous retry may be running on a pool thread: close under its gate, then
            // end whatever is still pending.
            AsyncGate.Enter();
            try
            {
                CloseCore();
            }
            finally
            {
                AsyncGate.Exit();
            }
            EndAsyncOperations();
            return;
        }
        CloseCore();
    }

    private void CloseCore()
    {
        if (_closed) return;
        MarkClosed();
        ProcessCommands();
        Context.Inproc.UnbindAll(this);
        Context.Inproc.CancelPending(this);
        // Every link is inproc so far, and libzmq delivers what an inproc peer already has queued
        // whatever the LINGER (checked against libzmq 4.3.4): LINGER bounds how long a network
        // session keeps sending, and Pipe.Close(lingerMs) carries it to one when there is one.
        CloseStreams();
        foreach (Pipe pipe in _pipes.ToArray()) pipe.Close(pipe.UsesLinger ? Options.Linger : InprocLinger);
        _pipes.Clear();
        _pattern.Release();
        if (_fd is not null)
        {
            RemoveListener(_fd);
            _fd.Dispose();
        }
        StopMonitor();
        _signal.Dispose();
        Context.OnSocketClosed(this);
    }
}
