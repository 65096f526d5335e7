namespace Zinc.Routing;

// The subscribers (pipes) of one prefix, compared by identity. Most prefixes have exactly
// one subscriber, kept inline so delivery to it touches no array; the rest sit in an array
// plus count scanned linearly, and only past IndexThreshold does a dictionary
// (subscriber -> slot) take over lookups. Delivery always iterates slots, never the
// dictionary. Slot 0 is _first, slot n > 0 is _rest[n - 1].
// A mutable struct embedded in a trie node: always use it through the field, never a copy.
internal struct SubscriberSet<T> : ITrieValue
    where T : class
{
    private const int IndexThreshold = 16;

    private T? _first;
    private T[]? _rest;
    private Dictionary<T, int>? _index;
    private int _count;

    public readonly bool IsEmpty => _count == 0;

    public readonly int Count => _count;

    public readonly bool Contains(T subscriber) => IndexOf(subscriber) >= 0;

    // False, changing nothing, if already present: subscribing a pipe twice to the same
    // prefix still delivers each message to it once.
    public bool Add(T subscriber)
    {
        if (IndexOf(subscriber) >= 0)
        {
            return false;
        }

        if (_count == 0)
        {
            _first = subscriber;
        }
        else
        {
            int restCount = _count - 1;
            if (_rest is null)
            {
                _rest = new T[1];
            }
            else if (restCount == _rest.Length)
            {
                Array.Resize(ref _rest, restCount * 2);
            }

            _rest[restCount] = subscriber;
        }

        _index?.Add(subscriber, _count);
        _count++;

        if (_index is null && _count > IndexThreshold)
        {
            BuildIndex();
        }

        return true;
    }

    public bool Remove(T subscriber)
    {
        int slot = IndexOf(subscriber);
        if (slot < 0)
        {
            return false;
        }

        // Order does not matter: move the last subscriber into the hole.
        int last = _count - 1;
        if (slot != last)
        {
            T moved = At(last);
            SetAt(slot, moved);
            if (_index is not null)
            {
                _index[moved] = slot;
            }
        }

        SetAt(last, null);
        _index?.Remove(subscriber);
        _count = last;

        if (last <= 1)
        {
            // Nothing left past the inline slot: drop the array (and index) entirely.
            _rest = null;
            _index = null;
        }
        else if (_index is not null && last <= IndexThreshold / 2)
        {
            // Well below the threshold a scan is as fast again; hysteresis avoids
            // rebuilding the index when the count hovers around 16.
            _index = null;
        }

        return true;
    }

    public readonly void Visit<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, ISubscriberVisitor<T>
    {
        int count = _count;
        if (count == 0)
        {
            return;
        }

        visitor.Visit(_first!);
        T[]? rest = _rest;
        for (int i = 0; i < count - 1; i++)
        {
            visitor.Visit(rest![i]);
        }
    }

    private readonly T At(int slot) => slot == 0 ? _first! : _rest![slot - 1];

    private void SetAt(int slot, T? subscriber)
    {
        if (slot == 0)
        {
            _first = subscriber;
        }
        else
        {
            _rest![slot - 1] = subscriber!;
        }
    }

    private readonly int IndexOf(T subscriber)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(subscriber, out int slot) ? slot : -1;
        }

        if (_count == 0)
        {
            return -1;
        }

        if (ReferenceEquals(_first, subscriber))
        {
            return 0;
        }

        T[]? rest = _rest;
        for (int i = 0; i < _count - 1; i++)
        {
            if (ReferenceEquals(rest![i], subscriber))
            {
                return i + 1;
            }
        }

        return -1;
    }

    private void BuildIndex()
    {
        // Identity, not Equals: two distinct pipes are two subscribers whatever they say.
        var index = new Dictionary<T, int>(_count * 2, ReferenceEqualityComparer.Instance);
        for (int slot = 0; slot < _count; slot++)
        {
            index.Add(At(slot), slot);
        }

        _index = index;
    }
}
