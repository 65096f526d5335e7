using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// Fan-out of one message to many pipes (PUB, XPUB, and XSUB's upstream). The caller selects the
/// pipes for a message before its first frame (<see cref="BeginMatch"/>, then <see cref="Match"/>,
/// <see cref="MatchAll"/> or <see cref="ReverseMatch"/>); every frame of the message then goes to
/// that same set. Copies share the payload (a reference count, no bytes copied): N pipes cost
/// N-1 <see cref="Msg.CopyFrom"/> and one move. Each pipe is flushed once per whole message.
/// </summary>
internal sealed class Distributor
{
    private readonly List<Pipe> _pipes = new();
    // The fan-out set of the current message, reused from message to message.
    private Pipe[] _matched = new Pipe[8];
    private int _matchedCount;
    // Pipes whose SubscriberState.Stamp equals this are in the set; starting at 1 keeps a fresh
    // state (Stamp 0) out of it.
    private long _stamp = 1;
    private bool _more;

    public int Count => _pipes.Count;

    public Pipe this[int index] => _pipes[index];

    /// <summary>True between the first and the last frame of a message.</summary>
    public bool InMessage => _more;

    /// <summary>Pipes selected for the current message.</summary>
    public int MatchedCount => _matchedCount;

    /// <summary>Adds a pipe and gives it the per-pipe state matching needs (in <see cref="Pipe.Tag"/>).</summary>
    public SubscriberState Attach(Pipe pipe)
    {
        var state = new SubscriberState();
        pipe.Tag = state;
        _pipes.Add(pipe);
        return state;
    }

    public void Detach(Pipe pipe)
    {
        int index = _pipes.IndexOf(pipe);
        if (index < 0) return;
        _pipes.RemoveAt(index);
        if (pipe.Tag is SubscriberState state) state.Attached = false;
        // A pipe leaving mid-message gets no more frames; its ring keeps only whole messages.
        for (int i = 0; i < _matchedCount; i++)
        {
            if (!ReferenceEquals(_matched[i], pipe)) continue;
            _matched[i] = _matched[--_matchedCount];
            _matched[_matchedCount] = null!;
            break;
        }
    }

    /// <summary>True when every live pipe would take a new message now (POLLOUT under XPUB_NODROP).</summary>
    public bool AllHaveCredit
    {
        get
        {
            for (int i = 0; i < _pipes.Count; i++)
            {
                Pipe pipe = _pipes[i];
                if (!pipe.PeerClosed && !pipe.Out.HasCredit) return false;
            }
            return true;
        }
    }

    /// <summary>Starts selecting the pipes of a new message (none selected).</summary>
    public void BeginMatch()
    {
        ClearMatched();
        _stamp++;
    }

    /// <summary>Selects a pipe for the message; selecting it again changes nothing.</summary>
    public void Match(Pipe pipe)
    {
        var state = (SubscriberState)pipe.Tag!;
        if (state.Stamp == _stamp) return;
        state.Stamp = _stamp;
        Add(pipe);
    }

    /// <summary>Selects every pipe.</summary>
    public void MatchAll()
    {
        for (int i = 0; i < _pipes.Count; i++) Match(_pipes[i]);
    }

    /// <summary>Selects exactly the pipes that are not selected now (INVERT_MATCHING).</summary>
    public void ReverseMatch()
    {
        long selected = _stamp;
        ClearMatched();
        _stamp++;
        for (int i = 0; i < _pipes.Count; i++)
        {
            Pipe pipe = _pipes[i];
            var state = (SubscriberState)pipe.Tag!;
            if (state.Stamp == selected) continue;
            state.Stamp = _stamp;
            Add(pipe);
        }
    }

    /// <summary>
    /// Sends one frame to the selected pipes. On the first frame of a message, pipes without credit
    /// are handled by <paramref name="policy"/>: dropped from the set for the whole message, or the
    /// message is refused with EAGAIN (nothing sent, <paramref name="msg"/> untouched), or written
    /// anyway. Continuation frames always follow the first. On success the frame is moved out.
    /// </summary>
    public ZmqError Send(ref Msg msg, FanOutPolicy policy)
    {
        if (!_more)
        {
            ZmqError error = Settle(policy);
            if (error != ZmqError.None) return error;
        }

        bool more = msg.HasMore;
        int count = _matchedCount;
        Pipe[] matched = _matched;
        // Credit was settled on the first frame, so every write below bypasses the credit check
        // (the ring's "continuation" flag): a selected pipe takes the whole message.
        for (int i = 0; i < count - 1; i++)
        {
            Msg copy = default;
            copy.CopyFrom(ref msg);
            matched[i].TryWrite(ref copy, continuation: true);
        }
        if (count > 0) matched[count - 1].TryWrite(ref msg, continuation: true);
        else msg.Close();

        _more = more;
        if (!more)
        {
            for (int i = 0; i < count; i++) matched[i].Flush();
            ClearMatched();
        }
        return ZmqError.None;
    }

    // Applies the credit policy to the selected set before a message's first frame.
    private ZmqError Settle(FanOutPolicy policy)
    {
        Pipe[] matched = _matched;
        int count = _matchedCount;
        if (policy == FanOutPolicy.Wait)
        {
            for (int i = 0; i < count; i++)
            {
                Pipe pipe = matched[i];
                if (!pipe.PeerClosed && !pipe.Out.HasCredit) return ZmqError.EAGAIN;
            }
        }

        // A closed peer never reads again: skip it whatever the policy.
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            Pipe pipe = matched[i];
            bool take = policy == FanOutPolicy.Drop ? pipe.CanWrite : !pipe.PeerClosed;
            if (take) matched[kept++] = pipe;
        }
        Array.Clear(matched, kept, count - kept);
        _matchedCount = kept;
        return ZmqError.None;
    }

    private void Add(Pipe pipe)
    {
        if (_matchedCount == _matched.Length) Array.Resize(ref _matched, _matchedCount * 2);
        _matched[_matchedCount++] = pipe;
    }

    // Drops the references so a detached pipe is not kept alive by a stale slot.
    private void ClearMatched()
    {
        Array.Clear(_matched, 0, _matchedCount);
        _matchedCount = 0;
    }
}
