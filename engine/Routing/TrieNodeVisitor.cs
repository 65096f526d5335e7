namespace Zinc.Routing;

// Called by PrefixTree.Walk for each node that holds a value; it may change the value
// (even empty it) but not the tree.
internal delegate void TrieNodeVisitor<TValue>(ReadOnlySpan<byte> prefix, ref TValue value)
    where TValue : struct, ITrieValue;
