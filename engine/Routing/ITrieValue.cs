namespace Zinc.Routing;

// What a PrefixTree node carries for its prefix (a reference count, a subscriber set).
// The tree only needs to know when there is nothing left, to prune the node.
internal interface ITrieValue
{
    bool IsEmpty { get; }
}
