namespace Zinc.Routing;

// Implemented by a struct so SubscriptionMultiTrie.Match is specialised per caller and
// allocates nothing (no delegate, no closure, no boxing).
internal interface ISubscriberVisitor<T>
{
    void Visit(T subscriber);
}
