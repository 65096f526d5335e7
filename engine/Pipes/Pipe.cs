namespace Zinc.Pipes;

/// <summary>
/// One end of a two-way link between a socket and a peer (another socket over inproc, or a
/// transport session): it reads the inbound <see cref="MsgRing"/> and writes the outbound one.
/// Routing policies hold these; they never see transports.
/// </summary>
internal sealed class Pipe
{
    private IPipeOwner? _owner;
    private volatile bool _peerClosed;
    private bool _closed;
    private bool _midMessage;

    private Pipe(MsgRing inbound, MsgRing outbound)
    {
        In = inbound;
        Out = outbound;
        Peer = this;
    }

    /// <summary>Creates both ends of a link; <paramref name="hwmAToB"/> is the credit of frames flowing from a to b.</summary>
    public static (Pipe A, Pipe B) CreatePair(int hwmAToB, int hwmBToA, bool conflateAToB = false, bool conflateBToA = false) =>
        CreatePair(RingLimit.Writer(hwmAToB), RingLimit.Writer(hwmBToA), conflateAToB, conflateBToA);

    /// <summary>Creates both ends of a link, each direction's credit made from the shares its ends hold.</summary>
    public static (Pipe A, Pipe B) CreatePair(RingLimit aToBLimit, RingLimit bToALimit, bool conflateAToB = false, bool conflateBToA = false)
    {
        var aToB = new MsgRing(aToBLimit, conflateAToB);
        var bToA = new MsgRing(bToALimit, conflateBToA);
        var a = new Pipe(bToA, aToB);
        var b = new Pipe(aToB, bToA);
        a.Peer = b;
        b.Peer = a;
        return (a, b);
    }

    public MsgRing In { get; }

    public MsgRing Out { get; }

    public Pipe Peer { get; private set; }

    public IPipeOwner? Owner => Volatile.Read(ref _owner);

    /// <summary>The routing id the peer announced (its ZMQ_ROUTING_ID, or ZMTP Identity property).</summary>
    public byte[]? PeerRoutingId { get; set; }

    /// <summary>The endpoint this link was made for (for unbind/disconnect), if any.</summary>
    public string? Endpoint { get; set; }

    /// <summary>A link to a network session: closing it honours the socket's LINGER (inproc links ignore it, as libzmq's).</summary>
    public bool UsesLinger { get; set; }

    /// <summary>The session behind this end, when a writer blocked on credit may drain it itself.</summary>
    public IOutboundDrain? Drain { get; set; }

    /// <summary>The session behind this end, when the receiving thread may read its connection itself.</summary>
    public IInboundPump? Pump { get; set; }

    /// <summary>Per-pipe state a routing policy keeps (a ROUTER's routing id, a PUB's subscriptions).</summary>
    public object? Tag { get; set; }

    /// <summary>The properties of the connection behind this end, stamped on every frame read (zmq_msg_gets).</summary>
    public MsgProperties? Properties { get; set; }

    /// <summary>True once the peer has closed its end; frames it sent before that may still be read.</summary>
    public bool PeerClosed => _peerClosed;

    public bool IsClosed => _closed;

    /// <summary>Binds this end to its owner, who is woken on edges and told of termination.</summary>
    public void Attach(IPipeOwner owner)
    {
        In.ReaderWaker = owner;
        Out.WriterWaker = owner;
        // Full fence: the caller checks PeerClosed next, and the closing side checks _owner after
        // setting it; one of the two must see the other.
        Interlocked.Exchange(ref _owner, owner);
    }

    /// <summary>
    /// This end's socket changed ZMQ_SNDHWM or ZMQ_RCVHWM: its share of the credit in each
    /// direction follows (the owner's thread, which writes <see cref="Out"/> and reads <see cref="In"/>).
    /// </summary>
    public void SetHighWaterMarks(int sndHwm, int rcvHwm)
    {
        Out.SetWriterShare(sndHwm);
        In.SetReaderShare(rcvHwm);
    }

    /// <summary>Reads the next frame (on a conflating link, the newest message).</summary>
    public bool TryRead(out Msg msg)
    {
        // Once a message has started, its remaining frames are delivered whatever the linger:
        // the ring holds whole messages only, and a torn message would be worse than a late one.
        if (_peerClosed && !_midMessage && LingerExpired)
        {
            msg = default;
            return false;
        }
        if (!In.TryRead(out msg)) return false;
        // Written only when it changes: the two ends of a pipe are allocated side by side and
        // may share a cache line, so a store per message here would take the line away from
        // the writer's end on every message.
        bool more = msg.HasMore;
        if (_midMessage != more) _midMessage = more;
        MsgProperties? properties = Properties;
        if (properties is not null) msg.AttachProperties(properties);
        return true;
    }

    public bool TryWrite(ref Msg msg, bool continuation = false) => Out.TryWrite(ref msg, continuation);

    public void Flush() => Out.Flush();

    /// <summary>Writes and publishes a whole single-frame message (see <see cref="MsgRing.TryWriteAndFlush"/>).</summary>
    public bool TryWriteAndFlush(ref Msg msg) => Out.TryWriteAndFlush(ref msg);

    public bool CanRead => !(_peerClosed && !_midMessage && LingerExpired) && In.CanRead;

    /// <summary>
    /// The LINGER the peer closed its end with, as its <see cref="Close(int)"/> left it on this
    /// end's inbound ring: 0 (drop what is left, or a finite LINGER that has run out), the
    /// milliseconds left of a finite one, or -1 (no limit). Meaningful once <see cref="PeerClosed"/>.
    /// </summary>
    /// <remarks>
    /// A session reads the socket's LINGER here rather than from its own copy of the options:
    /// that copy was taken at bind or connect, and libzmq honours a LINGER set after that.
    /// </remarks>
    public int PeerLingerMs
    {
        get
        {
            if (In.Discard) return 0;
            long deadline = In.DiscardDeadline;
            if (deadline == 0) return -1;
            long left = deadline - MonotonicClock.Milliseconds;
            return left <= 0 ? 0 : (int)Math.Min(left, int.MaxValue);
        }
    }

    /// <summary>The peer closed with LINGER 0, or with a finite LINGER that has run out: drop what is left.</summary>
    public bool LingerExpired => PeerLingerMs == 0;

    public bool CanWrite => !_peerClosed && Out.HasCredit;

    /// <summary>
    /// Closes this end: flushes what was written, tells the peer, and leaves both rings.
    /// With <paramref name="discard"/> the peer drops frames it has not read yet (LINGER 0).
    /// </summary>
    public void Close(bool discard) => Close(discard ? 0 : -1);

    /// <summary>
    /// Closes this end honouring LINGER: 0 drops unread frames at once, a positive value lets the
    /// peer read them for that many milliseconds, -1 for as long as it wants.
    /// </summary>
    public void Close(int lingerMs)
    {
        if (_closed) return;
        _closed = true;
        Out.FlushCompleteMessages();
        if (lingerMs > 0) Out.DiscardDeadline = Math.Max(1, MonotonicClock.Milliseconds + lingerMs);
        Out.Discard = lingerMs == 0;
        Peer._peerClosed = true;
        Out.Leave();
        In.Leave();
        Volatile.Read(ref Peer._owner)?.OnPipeTerminated(Peer);
    }
}
