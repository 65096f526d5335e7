using Zinc.Pipes;
using Zinc.Reactor;
using Zinc.Reactor.Native;

namespace Zinc.Protocol;

/// <summary>
/// One connection of a STREAM socket: no greeting, no framing. Each chunk a read produces
/// becomes one message in the pipe; each message from the pipe is written as it is. With
/// ZMQ_STREAM_NOTIFY an empty message marks the connection's start and, when the peer goes or
/// the connection fails, its end (the STREAM pattern puts the routing id in front of both, as
/// of every message). Everything runs on the loop thread; other threads only wake it.
/// </summary>
internal sealed class RawStreamEngine : IConnectionEngine, IIoHandler, IIoWork, IParkRecheck
{
    // Rounds of encode-and-write per turn before the other connections on this loop get theirs.
    private const int RoundsPerTurn = 16;

    private readonly IoLoop _loop;
    private readonly IEngineSession _session;
    private readonly FrameEncoder _encoder;
    private readonly int _batchSize;
    private readonly bool _notify;
    private IoRegistration? _registration;
    private Pipe? _pipe;
    private bool _closed;
    private int _wakePosted;

    // Inbound: chunks read while the pipe had no credit wait here (receiving is paused, so at
    // most the reads already under way arrive), oldest first.
    private readonly Queue<Msg> _heldIn = new();
    private bool _inboundBlocked;

    // Outbound: a message the encoder had no room for, and whether we wait for POLLOUT.
    private Msg _heldOut;
    private bool _hasHeldOut;
    private bool _writeWaiting;
    private bool _inPump;
    private bool _outParked;
    private bool _recheckQueued;

    public RawStreamEngine(IoLoop loop, int fd, IEngineSession session)
    {
        _loop = loop;
        Fd = fd;
        _session = session;
        SocketOptions options = session.Options;
        _notify = options.StreamNotify;
        _batchSize = Math.Max(options.OutBatchSize, FrameEncoder.MinBatch);
        _encoder = new FrameEncoder(Math.Max(_batchSize * 2, 64 * 1024)) { Raw = true };
    }

    public int Fd { get; }

    /// <summary>Loop thread: takes the session's pipe, announces the connection, starts reading.</summary>
    public void Start()
    {
        _registration = _loop.Register(Fd, this);
        _pipe = _session.OnRawConnected(this);
        if (_pipe is null)
        {
            End(EngineEnd.Finished, 0); // the session is stopping or its socket has gone
            return;
        }
        _pipe.Peer.Properties = MsgProperties.Build(Array.Empty<KeyValuePair<string, byte[]>>(), PeerAddress(), null, null);
        if (_notify) PushPastCredit(default);
        _pipe.Flush();
        _loop.StartReceiving(_registration);
        PumpOut();
    }

    // An IPv4 peer of a dual-stack listener stays in its mapped form ("::ffff:127.0.0.1"), as
    // libzmq reports it in Peer-Address and to ZAP.
    private string PeerAddress() => SockAddr.PeerOf(Fd).Ip?.ToString() ?? "";

    // A notification (or, at the end, what is still held) goes in whatever the credit: it is one
    // message over the HWM at most per connection edge, and losing it would hide the edge from
    // the application. The ring accepts a continuation write without credit; the message is
    // still a whole one, since it has no MORE flag.
    private void PushPastCredit(Msg msg)
    {
        if (!_pipe!.TryWrite(ref msg, continuation: true)) msg.Close();
    }

    // ---- wake-ups from other threads ----

    public void Wake()
    {
        if (Volatile.Read(ref _wakePosted) == 0 && Interlocked.Exchange(ref _wakePosted, 1) == 0) _loop.Post(this);
    }

    void IIoWork.RunOnLoop()
    {
        Volatile.Write(ref _wakePosted, 0);
        if (_closed) return;
        if (_inboundBlocked) RetryInbound();
        if (!_closed) PumpOut();
    }

    void IParkRecheck.RecheckParked()
    {
        _recheckQueued = false;
        if (!_closed && _outParked && _pipe!.In.CanRead) Wake();
    }

    // The loop writes everything: a raw connection has no sender-side shortcut.
    public bool DrainFromSender() => false;

    public Pipes.IInboundPump? InboundPump => null;

    // ---- wire to pipe ----

    void IIoHandler.OnReceived(ReadOnlySpan<byte> data)
    {
        if (_closed || data.IsEmpty) return;
        if (_pipe!.PeerClosed) return; // the socket has gone: nobody will read this
        Msg chunk = Msg.Copy(data);
        if (_inboundBlocked)
        {
            _heldIn.Enqueue(chunk);
            return;
        }
        if (_pipe.TryWrite(ref chunk))
        {
            _pipe.Flush();
            return;
        }
        _heldIn.Enqueue(chunk);
        _inboundBlocked = true;
        _loop.PauseReceiving(_registration!);
        // If the reader freed credit between our failed write and now, nobody will wake us.
        if (!_pipe.Out.PrepareWriterToPark()) Wake();
    }

    private void RetryInbound()
    {
        Pipe pipe = _pipe!;
        while (_heldIn.Count > 0 && !pipe.PeerClosed)
        {
            Msg chunk = _heldIn.Peek();
            if (!pipe.TryWrite(ref chunk)) break; // the queue still owns it
            _heldIn.Dequeue();
        }
        pipe.Flush();
        if (pipe.PeerClosed) ReleaseHeldIn();
        if (_heldIn.Count > 0)
        {
            if (!pipe.Out.PrepareWriterToPark()) Wake();
            return;
        }
        _inboundBlocked = false;
        _loop.ResumeReceiving(_registration!);
    }

    void IIoHandler.OnReceiveClosed(int errno) => End(EngineEnd.Disconnected, errno == 0 ? LibC.ECONNRESET : errno);

    void IIoHandler.OnAccepted(int fd) => LibC.Close(fd);

    void IIoHandler.OnAcceptFailed(int errno)
    {
    }

    // ---- pipe to wire ----

    void IIoHandler.OnWritable()
    {
        _writeWaiting = false;
        PumpOut();
    }

    private void PumpOut()
    {
        if (_inPump) return;
        _inPump = true;
        try
        {
            int rounds = 0;
            while (!_closed && !_writeWaiting)
            {
                FillEncoder();
                if (!_encoder.HasPending)
                {
                    Pipe pipe = _pipe!;
                    if (pipe.PeerClosed && !pipe.CanRead && !_hasHeldOut)
                    {
                        // The socket closed this link (or itself) and everything queued is out.
                        End(EngineEnd.Finished, 0);
                        return;
                    }
                    if (pipe.In.PrepareReaderToPark())
                    {
                        _outParked = true;
                        if (!_recheckQueued)
                        {
                            _recheckQueued = true;
                            _loop.AddParkRecheck(this);
                        }
                        return;
                    }
                    continue;
                }
                if (!WritePending()) return;
                if (++rounds == RoundsPerTurn)
                {
                    Wake();
                    return;
                }
            }
        }
        finally
        {
            _inPump = false;
        }
    }

    private void FillEncoder()
    {
        _outParked = false;
        while (_encoder.Staged < _batchSize && !_encoder.Blocked)
        {
            Msg msg;
            if (_hasHeldOut)
            {
                msg = _heldOut;
                _heldOut = default;
                _hasHeldOut = false;
            }
            else if (!_pipe!.TryRead(out msg))
            {
                return;
            }
            if (!_encoder.TryEncode(ref msg))
            {
                _heldOut = msg;
                _hasHeldOut = true;
                return;
            }
        }
    }

    /// <summary>Writes what the encoder holds; false if the connection ended or must wait for POLLOUT.</summary>
    private bool WritePending()
    {
        int rc = _encoder.WriteTo(Fd);
        if (rc == 0) return true;
        if (rc == LibC.EAGAIN)
        {
            _writeWaiting = true;
            _loop.WaitWritable(_registration!);
            return false;
        }
        End(EngineEnd.Disconnected, rc);
        return false;
    }

    // ---- ending ----

    public void Stop() => End(EngineEnd.Finished, 0);

    private void End(EngineEnd end, int errno)
    {
        if (_closed) return;
        _closed = true;
        if (_registration is not null) _loop.Unregister(_registration);
        LibC.Close(Fd);
        Pipe? pipe = _pipe;
        if (end == EngineEnd.Disconnected && pipe is not null && !pipe.PeerClosed)
        {
            // What the peer sent before it went is delivered, then the disconnect notification.
            while (_heldIn.TryDequeue(out Msg chunk)) PushPastCredit(chunk);
            if (_notify) PushPastCredit(default);
            pipe.Flush();
        }
        ReleaseHeldIn();
        _heldOut.Close();
        _hasHeldOut = false;
        _encoder.Discard();
        _session.OnEngineEnded(this, end, errno);
        _encoder.Dispose();
    }

    private void ReleaseHeldIn()
    {
        while (_heldIn.TryDequeue(out Msg chunk)) chunk.Close();
    }
}
