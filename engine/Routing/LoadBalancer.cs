using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// Round-robin over the pipes that have credit (PUSH, DEALER, REQ). A multipart message goes
/// whole to one pipe; if that pipe dies mid-message the rest of the message is dropped.
/// </summary>
internal sealed class LoadBalancer
{
    private readonly List<Pipe> _pipes = new();
    private int _next;
    private Pipe? _current;
    private bool _more;
    private bool _dropping;
    // The only pipe when there is exactly one (the common PUSH, DEALER): a send reaches it
    // without going through the list.
    private Pipe? _solo;

    public int Count => _pipes.Count;

    public void Attach(Pipe pipe)
    {
        _pipes.Add(pipe);
        _solo = _pipes.Count == 1 ? pipe : null;
    }

    public void Detach(Pipe pipe)
    {
        int index = _pipes.IndexOf(pipe);
        if (index < 0) return;
        _pipes.RemoveAt(index);
        _solo = _pipes.Count == 1 ? _pipes[0] : null;
        if (_next > index) _next--;
        if (_next >= _pipes.Count) _next = 0;
        if (pipe == _current)
        {
            _current = null;
            _dropping = _more;
        }
    }

    /// <summary>True when a send would not block.</summary>
    public bool CanSend
    {
        get
        {
            if (_more) return true;
            foreach (Pipe pipe in _pipes)
                if (pipe.CanWrite) return true;
            return false;
        }
    }

    /// <summary>Sends one frame; <paramref name="sentTo"/> is the pipe that took it (null if dropped).</summary>
    public ZmqError TrySend(ref Msg msg, out Pipe? sentTo)
    {
        (ZmqError error, sentTo) = Send(ref msg);
        return error;
    }

    /// <summary>Sends one frame, for callers that do not need to know the pipe.</summary>
    // Kept apart from the overload above: storing a pipe through an out parameter costs a GC
    // write barrier call per message, and PUSH/DEALER never look at it.
    public ZmqError TrySend(ref Msg msg) => Send(ref msg).Error;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private (ZmqError Error, Pipe? SentTo) Send(ref Msg msg)
    {
        Pipe? sentTo;
        bool more = msg.HasMore;
        if (_more)
        {
            sentTo = _current;
            if (_current is null || _dropping) msg.Close();
            else _current.TryWrite(ref msg, continuation: true);
            if (!more)
            {
                _current?.Flush();
                _current = null;
                _more = _dropping = false;
            }
            return (ZmqError.None, sentTo);
        }

        if (_solo is { } only)
        {
            // One peer (the common PUSH, DEALER): no turn to keep.
            if (only.PeerClosed) return (ZmqError.EAGAIN, null);
            if (!more) return only.TryWriteAndFlush(ref msg) ? (ZmqError.None, only) : (ZmqError.EAGAIN, null);
            if (!only.TryWrite(ref msg)) return (ZmqError.EAGAIN, null);
            Written(only, more);
            return (ZmqError.None, only);
        }
        int count = _pipes.Count;
        for (int i = 0; i < count; i++)
        {
            int index = _next + i;
            if (index >= count) index -= count;
            Pipe pipe = _pipes[index];
            if (pipe.PeerClosed || !pipe.TryWrite(ref msg)) continue;
            _next = index + 1 == count ? 0 : index + 1;
            sentTo = pipe;
            Written(pipe, more);
            return (ZmqError.None, sentTo);
        }
        sentTo = null;
        return (ZmqError.EAGAIN, sentTo);
    }

    // The first frame went to pipe: the rest of the message follows it, or the message is flushed.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Written(Pipe pipe, bool more)
    {
        if (more)
        {
            _more = true;
            _current = pipe;
        }
        else
        {
            pipe.Flush();
        }
    }
}
