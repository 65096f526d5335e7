using System.Runtime.InteropServices;

namespace Zinc.Routing;

// The shape of a path-compressed prefix tree, shared by SubscriptionTrie (counts) and
// SubscriptionMultiTrie (subscriber sets). The owners keep the values and their own match
// loops (the hot path); this class keeps the tree canonical: every node other than the
// root holds a value or has at least two children. A key set therefore has exactly one
// shape, which is what makes pruning a local fix-up and lets tests compare node counts.
// Nothing here recurses, so topics of any length cannot overflow the stack.
internal sealed class PrefixTree<TValue>
    where TValue : struct, ITrieValue
{
    private TrieNode<TValue> _root = new(ReadOnlySpan<byte>.Empty);

    public TrieNode<TValue> Root => _root;

    public void Clear() => _root = new TrieNode<TValue>(ReadOnlySpan<byte>.Empty);

    // The node for prefix, created (splitting an edge if the prefix ends or diverges inside
    // one) when missing. The caller must then give it a value, or the shape invariant breaks.
    public TrieNode<TValue> GetOrAdd(ReadOnlySpan<byte> prefix)
    {
        TrieNode<TValue> node = _root;
        int i = 0;
        while (i < prefix.Length)
        {
            byte key = prefix[i];
            ReadOnlySpan<byte> rest = prefix.Slice(i + 1);
            TrieNode<TValue>? child = node.Children.Find(key);
            if (child is null)
            {
                child = new TrieNode<TValue>(rest);
                node.Children.Add(key, child);
                return child;
            }

            ReadOnlySpan<byte> segment = child.Segment;
            int common = rest.CommonPrefixLength(segment);
            if (common < segment.Length)
            {
                // Put a node at the divergence point: it takes the shared part of the edge
                // and the old child hangs below it by the first byte that differs.
                var middle = new TrieNode<TValue>(segment.Slice(0, common));
                byte splitKey = segment[common];
                child.SetSegment(segment.Slice(common + 1));
                middle.Children.Add(splitKey, child);
                node.Children.Replace(key, middle);
                child = middle;
            }

            node = child;
            i += 1 + common;
        }

        return node;
    }

    // Finds the node that represents exactly prefix, with the two nodes above it, which is
    // all Prune needs.
    public bool TryFind(ReadOnlySpan<byte> prefix, out TrieLocation<TValue> location)
    {
        TrieNode<TValue> node = _root;
        TrieNode<TValue>? parent = null;
        TrieNode<TValue>? grandparent = null;
        byte key = 0;
        byte parentKey = 0;
        int i = 0;
        while (i < prefix.Length)
        {
            byte b = prefix[i];
            TrieNode<TValue>? child = node.Children.Find(b);
            if (child is null || !prefix.Slice(i + 1).StartsWith(child.Segment))
            {
                location = default;
                return false;
            }

            grandparent = parent;
            parentKey = key;
            parent = node;
            key = b;
            node = child;
            i += 1 + child.Segment.Length;
        }

        location = new TrieLocation<TValue>(node, parent, key, grandparent, parentKey);
        return true;
    }

    // Restores the shape after location's node lost its value. Removing a leaf can leave its
    // parent valueless with a single child, so that one may need merging too; nothing above
    // it changes child count.
    public void Prune(in TrieLocation<TValue> location)
    {
        if (location.Parent is null)
        {
            return; // The root stays even when empty.
        }

        Normalize(location.Parent, location.Key);
        if (location.Grandparent is not null)
        {
            Normalize(location.Grandparent, location.ParentKey);
        }
    }

    // Depth-first, in ascending byte order, so prefixes come out sorted. Calls visitor for
    // each node holding a value; if the visitor empties a value, the node is pruned once its
    // subtree is done (post-order), which is how RemoveAll cleans up in a single pass.
    // Should the visitor throw, matching stays correct; only some emptied nodes linger,
    // and the next walk tidies them.
    public void Walk(TrieNodeVisitor<TValue> visitor)
    {
        byte[] prefix = new byte[64];
        var stack = new List<(TrieNode<TValue> Node, byte Key, int Length, int Cursor)>();

        if (!_root.Value.IsEmpty)
        {
            visitor(ReadOnlySpan<byte>.Empty, ref _root.Value);
        }

        stack.Add((_root, 0, 0, 0));
        while (stack.Count > 0)
        {
            int top = stack.Count - 1;
            ref var frame = ref CollectionsMarshal.AsSpan(stack)[top];
            if (frame.Node.Children.TryGetNext(ref frame.Cursor, out byte key, out TrieNode<TValue> child))
            {
                int length = frame.Length + 1 + child.Segment.Length;
                if (length > prefix.Length)
                {
                    Array.Resize(ref prefix, Math.Max(length, prefix.Length * 2));
                }

                prefix[frame.Length] = key;
                child.Segment.CopyTo(prefix.AsSpan(frame.Length + 1));
                if (!child.Value.IsEmpty)
                {
                    visitor(prefix.AsSpan(0, length), ref child.Value);
                }

                // frame is a ref into the list's array: done with it before the list grows.
                stack.Add((child, key, length, 0));
            }
            else
            {
                byte exitedKey = frame.Key;
                stack.RemoveAt(top);
                if (top > 0)
                {
                    Normalize(stack[top - 1].Node, exitedKey);
                }
            }
        }
    }

    // Number of nodes including the root; for tests and diagnostics (walks the whole tree).
    public int CountNodes()
    {
        int nodes = 0;
        var pending = new Stack<TrieNode<TValue>>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            TrieNode<TValue> node = pending.Pop();
            nodes++;
            int cursor = 0;
            while (node.Children.TryGetNext(ref cursor, out _, out TrieNode<TValue> child))
            {
                pending.Push(child);
            }
        }

        return nodes;
    }

    // Re-establishes the invariant for one child of parent whose own subtree is already
    // canonical: a valueless leaf goes, a valueless node with one child is folded into it.
    private static void Normalize(TrieNode<TValue> parent, byte key)
    {
        TrieNode<TValue>? node = parent.Children.Find(key);
        if (node is null || !node.Value.IsEmpty)
        {
            return;
        }

        switch (node.Children.Count)
        {
            case 0:
                parent.Children.Remove(key);
                break;
            case 1:
                int cursor = 0;
                node.Children.TryGetNext(ref cursor, out byte childKey, out TrieNode<TValue> child);
                child.SetSegment(Concat(node.Segment, childKey, child.Segment));
                parent.Children.Replace(key, child);
                break;
        }
    }

    private static byte[] Concat(ReadOnlySpan<byte> head, byte middle, ReadOnlySpan<byte> tail)
    {
        var joined = new byte[head.Length + 1 + tail.Length];
        head.CopyTo(joined);
        joined[head.Length] = middle;
        tail.CopyTo(joined.AsSpan(head.Length + 1));
        return joined;
    }
}
