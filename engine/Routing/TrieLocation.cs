namespace Zinc.Routing;

// Where a prefix sits in a PrefixTree: its node and the two levels above it, the most that
// pruning one node can disturb. Parent is null for the root.
internal readonly struct TrieLocation<TValue>
    where TValue : struct, ITrieValue
{
    public TrieLocation(
        TrieNode<TValue> node,
        TrieNode<TValue>? parent,
        byte key,
        TrieNode<TValue>? grandparent,
        byte parentKey)
    {
        Node = node;
        Parent = parent;
        Key = key;
        Grandparent = grandparent;
        ParentKey = parentKey;
    }

    public TrieNode<TValue> Node { get; }

    public TrieNode<TValue>? Parent { get; }

    // Node's key in Parent's child table.
    public byte Key { get; }

    public TrieNode<TValue>? Grandparent { get; }

    // Parent's key in Grandparent's child table.
    public byte ParentKey { get; }
}
