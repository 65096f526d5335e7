namespace Zinc;

/// <summary>
/// The pool behind <see cref="MsgBuffer"/> for one size class: each thread keeps a magazine of
/// up to 32 buffers it rents from and returns to without synchronisation, and swaps a whole
/// magazine with this depot, under a lock, once per 32 operations. A stream where one thread
/// rents (the sender) and another returns (the receiver) so costs a lock per 32 messages
/// instead of interlocked operations on every one.
/// </summary>
internal sealed class BufferDepot
{
    public const int MagazineSize = 32;

    private readonly object _lock = new();
    private readonly Stack<MsgBuffer?[]> _full = new();
    private readonly Stack<MsgBuffer?[]> _empty = new();
    private readonly int _maxFull;

    public BufferDepot(int maxBuffers)
    {
        _maxFull = Math.Max(1, maxBuffers / MagazineSize);
    }

    /// <summary>Trades an empty magazine for a full one; null when the depot has none.</summary>
    public MsgBuffer?[]? TakeFull(MsgBuffer?[] empty)
    {
        lock (_lock)
        {
            if (_full.Count == 0) return null;
            _empty.Push(empty);
            return _full.Pop();
        }
    }

    /// <summary>Trades a full magazine for an empty one (a full depot lets the buffers go to the GC).</summary>
    public MsgBuffer?[] GiveFull(MsgBuffer?[] full)
    {
        lock (_lock)
        {
            if (_full.Count < _maxFull)
            {
                _full.Push(full);
                return _empty.Count > 0 ? _empty.Pop() : new MsgBuffer?[MagazineSize];
            }
        }
        Array.Clear(full); // the depot is full: these buffers go to the GC, the array is reused
        return full;
    }
}
