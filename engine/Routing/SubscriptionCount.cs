namespace Zinc.Routing;

// How many times a prefix was subscribed (SUB sockets count duplicate subscriptions, so an
// unsubscribe only takes effect once it balances every subscribe).
internal struct SubscriptionCount : ITrieValue
{
    public int Value;

    public readonly bool IsEmpty => Value == 0;
}
