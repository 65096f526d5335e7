using System.Runtime.CompilerServices;

namespace Zinc.Routing;

// The children of one trie node, keyed by the next byte of the topic.
// Sparse form: keys in a contiguous 32-byte block inside the node, searched with SIMD
// (ByteKeySearch), and nodes in a parallel array. Dense form: a 256-entry table indexed
// by the byte, used once a node has more children than one 256-bit compare covers.
// A mutable struct embedded in its node: always use it through the field, never a copy.
internal struct TrieChildTable<TNode>
    where TNode : class
{
    // Above this many children a node switches to the direct table: the sparse keys fill
    // exactly one key block, one 256-bit compare.
    public const int SparseLimit = ByteKeySearch.BlockLength;

    // The table is given up only well below SparseLimit, so a node whose child count
    // hovers around the limit does not convert back and forth on every add and remove.
    public const int ShrinkLimit = 16;

    private const int TableSize = 256;

    // Sparse form. The key block is a whole number of vector widths, so a lookup is whole
    // vector compares with no scalar tail; bytes past _count are stale and never reported.
    private TrieKeyBlock _keys;
    private TNode[]? _nodes;

    // Dense form (then _nodes is null and _keys unused).
    private TNode?[]? _table;

    private int _count;

    public readonly int Count => _count;

    public readonly bool IsDense => _table is not null;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly TNode? Find(byte key)
    {
        TNode?[]? table = _table;
        if (table is not null)
        {
            return table[key];
        }

        int count = _count;
        if (count == 0)
        {
            return null;
        }

        // Most nodes of a prefix tree have a single child; one compare beats a vector op.
        if (count == 1)
        {
            return _keys[0] == key ? _nodes![0] : null;
        }

        int index = ByteKeySearch.IndexOfInBlock(_keys, count, key);
        return index >= 0 ? _nodes![index] : null;
    }

    // The key must not be present yet.
    public void Add(byte key, TNode node)
    {
        if (_table is not null)
        {
            _table[key] = node;
            _count++;
            return;
        }

        if (_count == SparseLimit)
        {
            ToDense();
            _table![key] = node;
            _count++;
            return;
        }

        if (_nodes is null)
        {
            _nodes = new TNode[2];
        }
        else if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        _keys[_count] = key;
        _nodes[_count] = node;
        _count++;
    }

    // Points an existing key at another node (edge split or merge); false if absent.
    public bool Replace(byte key, TNode node)
    {
        if (_table is not null)
        {
            if (_table[key] is null)
            {
                return false;
            }

            _table[key] = node;
            return true;
        }

        int index = ByteKeySearch.IndexOfInBlock(_keys, _count, key);
        if (index < 0)
        {
            return false;
        }

        _nodes![index] = node;
        return true;
    }

    public bool Remove(byte key)
    {
        if (_table is not null)
        {
            if (_table[key] is null)
            {
                return false;
            }

            _table[key] = null;
            _count--;
            if (_count <= ShrinkLimit)
            {
                ToSparse();
            }

            return true;
        }

        int index = ByteKeySearch.IndexOfInBlock(_keys, _count, key);
        if (index < 0)
        {
            return false;
        }

        // Order does not matter to the search, so fill the hole with the last entry.
        int last = _count - 1;
        _keys[index] = _keys[last];
        _nodes![index] = _nodes[last];
        _nodes[last] = null!;
        _count = last;

        // Leaves are the majority of nodes: do not keep an empty array alive on them.
        if (last == 0)
        {
            _nodes = null;
        }

        return true;
    }

    // Walks the children in ascending key order: the child with the smallest key >= cursor,
    // then cursor moves past it. Because the cursor is a key, not a slot, the walk survives
    // the current child being removed or replaced, and even a dense/sparse switch.
    public readonly bool TryGetNext(ref int cursor, out byte key, out TNode node)
    {
        if (_table is not null)
        {
            for (int k = cursor; k < TableSize; k++)
            {
                TNode? candidate = _table[k];
                if (candidate is not null)
                {
                    key = (byte)k;
                    node = candidate;
                    cursor = k + 1;
                    return true;
                }
            }
        }
        else
        {
            int best = -1;
            for (int i = 0; i < _count; i++)
            {
                int k = _keys[i];
                if (k >= cursor && (best < 0 || k < _keys[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                key = _keys[best];
                node = _nodes![best];
                cursor = key + 1;
                return true;
            }
        }

        cursor = TableSize;
        key = 0;
        node = null!;
        return false;
    }

    private void ToDense()
    {
        var table = new TNode?[TableSize];
        for (int i = 0; i < _count; i++)
        {
            table[_keys[i]] = _nodes![i];
        }

        _table = table;
        _nodes = null;
    }

    private void ToSparse()
    {
        var nodes = new TNode[Math.Max(_count, 2)];
        int n = 0;
        for (int k = 0; k < TableSize; k++)
        {
            TNode? node = _table![k];
            if (node is not null)
            {
                _keys[n] = (byte)k;
                nodes[n] = node;
                n++;
            }
        }

        _nodes = nodes;
        _table = null;
    }
}
