namespace Zinc.Routing;

// The subscribers (pipes) of one prefix, compared by identity. Most prefixes have one or a
// few subscribers, so this is an array plus count scanned linearly; only past IndexThreshold
// does a dictionary (subscriber -> slot) take over lookups. Delivery always iterates the
// array, the fastest thing to iterate, whatever the size.
// A mutable struct embedded in a trie node: always use it through the field, never a copy.
internal struct SubscriberSet<T> : ITrieValue
    where T : class
{
    private const int IndexThreshold = 16;

    private T[]? _items;
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

        if (_items is null)
        {
            _items = new T[1];
        }
        else if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count] = subscriber;
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
        T[] items = _items!;
        if (slot != last)
        {
            T moved = items[last];
            items[slot] = moved;
            if (_index is not null)
            {
                _index[moved] = slot;
            }
        }

        items[last] = null!;
        _index?.Remove(subscriber);
        _count = last;

        if (last == 0)
        {
            _items = null;
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
        T[]? items = _items;
        int count = _count;
        for (int i = 0; i < count; i++)
        {
            visitor.Visit(items![i]);
        }
    }

    private readonly int IndexOf(T subscriber)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(subscriber, out int slot) ? slot : -1;
        }

        T[]? items = _items;
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(items![i], subscriber))
            {
                return i;
            }
        }

        return -1;
    }

    private void BuildIndex()
    {
        // Identity, not Equals: two distinct pipes are two subscribers whatever they say.
        var index = new Dictionary<T, int>(_count * 2, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _count; i++)
        {
            index.Add(_items![i], i);
        }

        _index = index;
    }
}
