namespace Zinc.Routing;

// One node of a path-compressed prefix tree. The byte that leads here is the key in the
// parent's child table; Segment holds the bytes after it that every prefix below this node
// shares, so a long unique topic costs one node, not one per byte.
internal sealed class TrieNode<TValue>
    where TValue : struct, ITrieValue
{
    public byte[] Segment;

    // A field, not a property: callers mutate the struct in place through it.
    public TValue Value;

    public TrieChildTable<TrieNode<TValue>> Children;

    public TrieNode(byte[] segment)
    {
        Segment = segment;
    }
}
