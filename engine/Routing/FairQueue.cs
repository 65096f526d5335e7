using Zinc.Pipes;

namespace Zinc.Routing;

/// <summary>
/// Fair-queued reading over the inbound pipes (PULL, DEALER, ROUTER, SUB...): each pipe in turn,
/// one whole message at a time. A writer publishes only whole messages, so once the first frame
/// of a message is read the rest are there.
/// </summary>
internal sealed class FairQueue
{
    private readonly List<Pipe> _pipes = new();
    private int _next;
    private Pipe? _current;
    // The only pipe when there is exactly one (the common PULL, DEALER, SUB).
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
        if (pipe == _current) _current = null;
    }

    /// <summary>True when a receive would not block.</summary>
    public bool CanReceive
    {
        get
        {
            if (_current is not null) return true;
            foreach (Pipe pipe in _pipes)
                if (pipe.CanRead) return true;
            return false;
        }
    }

    /// <summary>Reads one frame; <paramref name="from"/> is the pipe it came from.</summary>
    public ZmqError TryReceive(ref Msg msg, out Pipe? from)
    {
        (ZmqError error, from) = Receive(ref msg);
        return error;
    }

    /// <summary>Reads one frame, for callers that do not need to know the pipe.</summary>
    // Kept apart from the overload above: storing a pipe through an out parameter costs a GC
    // write barrier call per message, and PULL/DEALER/SUB never look at it.
    public ZmqError TryReceive(ref Msg msg) => Receive(ref msg).Error;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private (ZmqError Error, Pipe? From) Receive(ref Msg msg)
    {
        Pipe? from;
        if (_current is not null)
        {
            from = _current;
            if (_current.TryRead(out msg))
            {
                if (!msg.HasMore) _current = null;
                return (ZmqError.None, from);
            }
            _current = null; // the writer died mid-message; cannot happen with whole-message flushes
        }

        if (_solo is { } only)
        {
            // One peer (the common PULL, DEALER, SUB): no turn to keep.
            if (!only.TryRead(out msg)) return (ZmqError.EAGAIN, null);
            if (msg.HasMore) _current = only;
            return (ZmqError.None, only);
        }
        int count = _pipes.Count;
        for (int i = 0; i < count; i++)
        {
            int index = _next + i;
            if (index >= count) index -= count;
            Pipe pipe = _pipes[index];
            if (!pipe.TryRead(out msg)) continue;
            _next = index + 1 == count ? 0 : index + 1;
            if (msg.HasMore) _current = pipe;
            from = pipe;
            return (ZmqError.None, from);
        }
        from = null;
        return (ZmqError.EAGAIN, from);
    }
}
