using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// The subscribing side of RFC 29, shared by SUB and XSUB: a counted trie of the prefixes
/// subscribed, sent upstream as messages (1 = subscribe, 0 = unsubscribe, then the prefix) to
/// every pipe and replayed to each new one; messages are fair-queued in. SUB drops messages
/// whose first frame matches no subscription (all their frames); XSUB, like libzmq's, does not
/// filter (its upstream already does) and forwards what its application sends.
/// </summary>
internal sealed class SubscriberCore
{
    private readonly SocketOptions _options;
    // SUB: filter incoming messages; XSUB: pass them all and honour the XSUB-only options.
    private readonly bool _filter;
    private readonly FairQueue _in = new();
    private readonly Distributor _out = new();
    private readonly SubscriptionTrie _subscriptions = new();
    // Made once: the replay on attach walks the trie without a closure per call.
    private readonly SubscriptionVisitor _replayOne;
    private Pipe? _replayTarget;

    // A matching first frame found while answering CanReceive, handed out by the next receive.
    private Msg _prefetched;
    private bool _hasPrefetched;

    /// <summary>Releases a frame held back for the application when the socket closes.</summary>
    public void Release()
    {
        if (_hasPrefetched) _prefetched.Close();
        _hasPrefetched = false;
    }
    // Inside a delivered message: the rest of its frames pass without matching.
    private bool _moreRecv;

    // Sending (XSUB): inside a multipart message, and whether its frames are still looked at as
    // (un)subscriptions (ONLY_FIRST_SUBSCRIBE: only the first frame is).
    private bool _moreSend;
    private bool _processSubscribe;

    public SubscriberCore(SocketOptions options, bool filter)
    {
        _options = options;
        _filter = filter;
        _replayOne = ReplayOne;
    }

    /// <summary>Distinct prefixes subscribed (ZMQ_TOPICS_COUNT).</summary>
    public int TopicsCount => _subscriptions.Count;

    public void Attach(Pipe pipe)
    {
        _in.Attach(pipe);
        _out.Attach(pipe);
        Replay(pipe);
    }

    /// <summary>
    /// The connection behind <paramref name="pipe"/> was made again (a reconnect): the new peer
    /// learns every subscription, at once or, when the application is midway through sending a
    /// message whose first frames are already in the pipe, right after its last frame. A
    /// subscription also still queued from before the reconnect reaches the peer twice: a
    /// publisher keeps one entry per pipe and prefix, but an XPUB_VERBOSE application sees both
    /// (libzmq drops the queue instead).
    /// </summary>
    public void Rejoined(Pipe pipe)
    {
        if (!_moreSend) Replay(pipe);
        else (_replayAfterMessage ??= new List<Pipe>()).Add(pipe);
    }

    private List<Pipe>? _replayAfterMessage;

    private void ReplayDeferred()
    {
        foreach (Pipe pipe in _replayAfterMessage!)
        {
            if (!pipe.IsClosed) Replay(pipe);
        }
        _replayAfterMessage.Clear();
    }

    /// <summary>A new upstream peer learns every current subscription, whichever side connected first.</summary>
    private void Replay(Pipe pipe)
    {
        _replayTarget = pipe;
        _subscriptions.ForEach(_replayOne);
        _replayTarget = null;
        pipe.Flush();
    }

    private void ReplayOne(ReadOnlySpan<byte> prefix)
    {
        Msg msg = SubscriptionMessage(1, prefix);
        // Bypasses credit (FanOutPolicy.Force): a subscription must not be lost.
        _replayTarget!.TryWrite(ref msg, continuation: true);
    }

    public void Detach(Pipe pipe)
    {
        _in.Detach(pipe);
        _out.Detach(pipe);
    }

    // ---- subscriptions and upstream frames ----

    /// <summary>ZMQ_SUBSCRIBE / ZMQ_UNSUBSCRIBE: the same path as an XSUB application's message.</summary>
    public ZmqError Subscribe(ReadOnlySpan<byte> prefix, bool subscribe)
    {
        Msg msg = SubscriptionMessage(subscribe ? (byte)1 : (byte)0, prefix);
        ZmqError error = Send(ref msg);
        if (error != ZmqError.None) msg.Close();
        return error;
    }

    /// <summary>
    /// One frame from the application (XSUB). Subscriptions update the trie and go to every pipe:
    /// each subscribe (the XPUB side deduplicates, and XPUB_VERBOSE upstream wants them all), an
    /// unsubscribe only when the prefix's count drops to zero, or always with
    /// XSUB_VERBOSE_UNSUBSCRIBE. Other frames go upstream as they are, dropped for a full pipe.
    /// </summary>
    public ZmqError Send(ref Msg msg)
    {
        ZmqError error = SendFrame(ref msg);
        if (!_moreSend && _replayAfterMessage is { Count: > 0 }) ReplayDeferred();
        return error;
    }

    private ZmqError SendFrame(ref Msg msg)
    {
        bool first = !_moreSend;
        bool more = msg.HasMore;
        _moreSend = more;
        if (first)
            _processSubscribe = _filter || !_options.OnlyFirstSubscribe;
        else if (!_processSubscribe)
            return Forward(ref msg, FanOutPolicy.Drop);

        Span<byte> data = msg.Data;
        if (data.Length > 0 && data[0] == 1)
        {
            _subscriptions.Add(data.Slice(1));
            _processSubscribe = true;
            return Forward(ref msg, FanOutPolicy.Force);
        }
        if (data.Length > 0 && data[0] == 0)
        {
            _processSubscribe = true;
            bool last = _subscriptions.Remove(data.Slice(1));
            if (last || (!_filter && _options.XsubVerboseUnsubscribe)) return Forward(ref msg, FanOutPolicy.Force);
            msg.Close();
            if (_out.InMessage && !more)
            {
                // The swallowed frame ended a multipart message already on its way: end it with
                // an empty frame rather than leave the pipes with half a message.
                Msg end = default;
                return Forward(ref end, FanOutPolicy.Force);
            }
            return ZmqError.None;
        }
        return Forward(ref msg, FanOutPolicy.Drop);
    }

    private ZmqError Forward(ref Msg msg, FanOutPolicy policy)
    {
        if (!_out.InMessage)
        {
            _out.BeginMatch();
            _out.MatchAll();
        }
        return _out.Send(ref msg, policy);
    }

    private static Msg SubscriptionMessage(byte command, ReadOnlySpan<byte> prefix)
    {
        Msg msg = default;
        msg.InitSize(prefix.Length + 1);
        Span<byte> data = msg.Data;
        data[0] = command;
        prefix.CopyTo(data.Slice(1));
        return msg;
    }

    // ---- receiving ----

    public ZmqError Receive(ref Msg msg)
    {
        if (_hasPrefetched)
        {
            msg = _prefetched;
            _prefetched = default;
            _hasPrefetched = false;
            _moreRecv = msg.HasMore;
            return ZmqError.None;
        }
        while (true)
        {
            ZmqError error = _in.TryReceive(ref msg);
            if (error != ZmqError.None) return error;
            if (_moreRecv || !_filter || Matches(ref msg))
            {
                _moreRecv = msg.HasMore;
                return ZmqError.None;
            }
            DropRest(ref msg);
        }
    }

    public bool CanReceive
    {
        get
        {
            if (_moreRecv || _hasPrefetched) return true;
            if (!_filter) return _in.CanReceive;
            // Only a message that will be delivered counts: look for one and keep it.
            while (true)
            {
                Msg msg = default;
                if (_in.TryReceive(ref msg) != ZmqError.None) return false;
                if (Matches(ref msg))
                {
                    _prefetched = msg;
                    _hasPrefetched = true;
                    return true;
                }
                DropRest(ref msg);
            }
        }
    }

    private bool Matches(ref Msg msg) => _subscriptions.Matches(msg.Data) != _options.InvertMatching;

    // Discards an unwanted message: its first frame is in msg, the rest are already published.
    private void DropRest(ref Msg msg)
    {
        while (msg.HasMore)
        {
            msg.Close();
            if (_in.TryReceive(ref msg) != ZmqError.None) return;
        }
        msg.Close();
    }
}
