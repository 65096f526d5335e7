using System.Buffers.Binary;
using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// The publishing side of RFC 29, shared by PUB and XPUB: subscriptions arrive as messages on
/// each pipe (first byte 1 subscribe, 0 unsubscribe, then the prefix) and fill a trie of
/// prefix → pipes; a sent message goes whole to the pipes with a prefix of its first frame.
/// XPUB also hands the subscription messages (and other frames from upstream) to its
/// application. Inbound pipes are read when the socket sends, receives or is polled: nothing
/// else runs on the socket's thread to read them earlier.
/// </summary>
internal sealed class PublisherCore
{
    private static readonly SubscriptionVisitor s_ignore = static _ => { };

    private readonly SocketOptions _options;
    // XPUB: report subscriptions and upstream frames to the application. PUB drops them.
    private readonly bool _xpub;
    private readonly Distributor _dist = new();
    private readonly SubscriptionMultiTrie<Pipe> _subscriptions = new();
    private readonly Queue<UpstreamMessage> _pending = new();

    /// <summary>Releases the frames still queued for the application when the socket closes.</summary>
    public void Release()
    {
        while (_pending.TryDequeue(out UpstreamMessage pending))
        {
            Msg msg = pending.Msg;
            msg.Close();
        }
    }
    // Made once: Detach walks a pipe's prefixes without a closure per call.
    private readonly SubscriptionVisitor _onDetachedTopic;
    private Pipe? _detaching;

    // XPUB_MANUAL: the pipe whose subscription message the application read last; SUBSCRIBE and
    // UNSUBSCRIBE on the socket apply to it.
    private Pipe? _lastPipe;

    // Option state kept the way libzmq keeps it: XPUB_VERBOSE clears verbose unsubscribes,
    // XPUB_MANUAL_LAST_VALUE turns manual mode on too, so the order of setsockopt calls matters.
    private bool _verboseSubs;
    private bool _verboseUnsubs;
    private bool _manual;
    private bool _sendLastPipe;
    private bool _nodrop;

    // Reading upstream frames: inside a multipart message, and whether its later frames are still
    // looked at as (un)subscriptions (ONLY_FIRST_SUBSCRIBE turns that off after a data frame).
    private bool _moreRecv;
    private bool _processSubscribe;

    public PublisherCore(SocketOptions options, bool xpub)
    {
        _options = options;
        _xpub = xpub;
        _onDetachedTopic = OnDetachedTopic;
    }

    public void Attach(Pipe pipe)
    {
        _dist.Attach(pipe);
        byte[]? welcome = _options.XpubWelcomeMsg;
        if (welcome is { Length: > 0 })
        {
            Msg msg = Msg.Copy(welcome);
            if (pipe.TryWrite(ref msg)) pipe.Flush();
            else msg.Close();
        }
        ReadUpstream(pipe);
    }

    public void Detach(Pipe pipe)
    {
        if (pipe.Tag is not SubscriberState { Attached: true } state) return;
        if (state.Topics is { Count: > 0 } topics)
        {
            // XPUB tells its application which prefixes the leaving pipe took with it.
            _detaching = pipe;
            topics.ForEach(_onDetachedTopic);
            _detaching = null;
            topics.Clear();
        }
        // Whatever is left (all of PUB's, XPUB_MANUAL's own) goes silently.
        _subscriptions.RemoveAll(pipe, s_ignore);
        if (ReferenceEquals(_lastPipe, pipe)) _lastPipe = null;
        _dist.Detach(pipe);
    }

    private void OnDetachedTopic(ReadOnlySpan<byte> prefix)
    {
        if (_manual)
        {
            // libzmq reports every prefix the pipe asked for, and no pipe can be subscribed
            // manually in answer to these.
            QueueUnsubscription(prefix);
            _lastPipe = null;
            return;
        }
        bool last = _subscriptions.Remove(prefix, _detaching!);
        if (last || _verboseUnsubs) QueueUnsubscription(prefix);
    }

    private void QueueUnsubscription(ReadOnlySpan<byte> prefix)
    {
        Msg msg = default;
        msg.InitSize(prefix.Length + 1);
        Span<byte> data = msg.Data;
        data[0] = 0;
        prefix.CopyTo(data.Slice(1));
        _pending.Enqueue(new UpstreamMessage(msg, null, isSubscription: true));
    }

    // ---- sending ----

    public ZmqError Send(ref Msg msg)
    {
        ReadUpstream();
        if (!_dist.InMessage)
        {
            _dist.BeginMatch();
            Pipe? only = null;
            if (_manual && _sendLastPipe && _lastPipe is not null)
            {
                // XPUB_MANUAL_LAST_VALUE: the first message after a manual subscription goes
                // to the new subscriber only (its last-value), not again to everyone.
                only = _lastPipe;
                _lastPipe = null;
            }
            var matcher = new DistributorMatcher(_dist, only);
            _subscriptions.Match(msg.Data, ref matcher);
            if (_options.InvertMatching) _dist.ReverseMatch();
        }
        return _dist.Send(ref msg, _nodrop ? FanOutPolicy.Wait : FanOutPolicy.Drop);
    }

    /// <summary>PUB never blocks; XPUB_NODROP blocks while a subscriber is full.</summary>
    public bool CanSend
    {
        get
        {
            ReadUpstream();
            return !_nodrop || _dist.AllHaveCredit;
        }
    }

    // ---- receiving (XPUB) ----

    public ZmqError Receive(ref Msg msg)
    {
        ReadUpstream();
        if (_pending.Count == 0) return ZmqError.EAGAIN;
        UpstreamMessage next = _pending.Dequeue();
        if (_manual && next.IsSubscription)
        {
            Pipe? source = next.Source;
            _lastPipe = source?.Tag is SubscriberState { Attached: true } ? source : null;
        }
        msg = next.Msg;
        return ZmqError.None;
    }

    public bool CanReceive
    {
        get
        {
            ReadUpstream();
            return _pending.Count > 0;
        }
    }

    // ---- upstream frames ----

    private void ReadUpstream()
    {
        for (int i = 0; i < _dist.Count; i++) ReadUpstream(_dist[i]);
    }

    // Reads everything the pipe has. Writers publish whole messages, so this stops at a message
    // boundary and _moreRecv never carries over from one pipe to another.
    private void ReadUpstream(Pipe pipe)
    {
        while (pipe.TryRead(out Msg msg))
        {
            bool first = !_moreRecv;
            _moreRecv = msg.HasMore;
            int kind = -1;
            if (first || _processSubscribe)
            {
                Span<byte> data = msg.Data;
                if (data.Length > 0 && data[0] <= 1) kind = data[0];
            }
            if (first) _processSubscribe = !_options.OnlyFirstSubscribe || kind >= 0;

            if (kind >= 0) OnSubscription(pipe, ref msg, kind == 1);
            else if (_xpub) _pending.Enqueue(new UpstreamMessage(msg, pipe, isSubscription: false));
            else msg.Close();
        }
    }

    private void OnSubscription(Pipe pipe, ref Msg msg, bool subscribe)
    {
        var state = (SubscriberState)pipe.Tag!;
        ReadOnlySpan<byte> prefix = msg.Data.Slice(1);
        bool notify;
        if (_manual)
        {
            // The application decides what the pipe gets; remember what it asked for so its
            // departure can be reported.
            if (_xpub) Track(state, prefix, subscribe);
            notify = true;
        }
        else if (subscribe)
        {
            bool firstSubscriber = _subscriptions.Add(prefix, pipe);
            if (_xpub) Track(state, prefix, true);
            notify = firstSubscriber || _verboseSubs;
        }
        else
        {
            // libzmq reports an unsubscription that leaves the prefix with no subscriber, and
            // also one for a prefix this pipe never had.
            bool had = _xpub && Track(state, prefix, false);
            bool lastSubscriber = _subscriptions.Remove(prefix, pipe);
            notify = !had || lastSubscriber || _verboseUnsubs;
        }

        if (_xpub && notify)
        {
            // Delivered as a message of its own even when it came as part of a multipart one.
            msg.HasMore = false;
            _pending.Enqueue(new UpstreamMessage(msg, pipe, isSubscription: true));
        }
        else
        {
            msg.Close();
        }
    }

    // Keeps the pipe's own set of prefixes (each once). Returns whether the prefix was there before.
    private static bool Track(SubscriberState state, ReadOnlySpan<byte> prefix, bool subscribe)
    {
        if (!subscribe) return state.Topics is not null && state.Topics.Remove(prefix);
        state.Topics ??= new SubscriptionTrie();
        if (state.Topics.Add(prefix)) return false;
        state.Topics.Remove(prefix); // counted trie: back to one reference
        return true;
    }

    // ---- options ----

    public bool TrySetOption(SocketOption option, ReadOnlySpan<byte> value, out ZmqError error)
    {
        switch (option)
        {
            case SocketOption.XpubVerbose:
                if ((error = _options.Set(option, value)) != ZmqError.None) return true;
                _verboseSubs = _options.XpubVerbose;
                _verboseUnsubs = false;
                return true;
            case SocketOption.XpubVerboser:
                if ((error = _options.Set(option, value)) != ZmqError.None) return true;
                _verboseSubs = _verboseUnsubs = _options.XpubVerboser;
                return true;
            case SocketOption.XpubManual:
                if ((error = _options.Set(option, value)) != ZmqError.None) return true;
                _manual = _options.XpubManual;
                return true;
            case SocketOption.XpubManualLastValue:
                if ((error = _options.Set(option, value)) != ZmqError.None) return true;
                _manual = _sendLastPipe = _options.XpubManualLastValue;
                return true;
            case SocketOption.XpubNodrop:
                if ((error = _options.Set(option, value)) != ZmqError.None) return true;
                _nodrop = _options.XpubNodrop;
                return true;
            case SocketOption.Subscribe:
            case SocketOption.Unsubscribe:
                // Only manual mode lets the application (un)subscribe a pipe itself.
                if (!_manual)
                {
                    error = ZmqError.EINVAL;
                    return true;
                }
                if (_lastPipe is not null)
                {
                    if (option == SocketOption.Subscribe) _subscriptions.Add(value, _lastPipe);
                    else _subscriptions.Remove(value, _lastPipe);
                }
                error = ZmqError.None;
                return true;
            default:
                error = ZmqError.None;
                return false;
        }
    }

    public bool TryGetOption(SocketOption option, Span<byte> destination, out int written, out ZmqError error)
    {
        written = 0;
        error = ZmqError.None;
        if (option != SocketOption.TopicsCount) return false;
        error = WriteInt32(destination, _subscriptions.Count, out written);
        return true;
    }

    internal static ZmqError WriteInt32(Span<byte> destination, int value, out int written)
    {
        written = 0;
        if (destination.Length < sizeof(int)) return ZmqError.EINVAL;
        BinaryPrimitives.WriteInt32LittleEndian(destination, value);
        written = sizeof(int);
        return ZmqError.None;
    }
}
