namespace Zinc.Routing;

// The subscriptions of a SUB/XSUB socket: which topic prefixes are wanted, each counted so
// that subscribing twice needs unsubscribing twice. Matches answers "does any subscribed
// prefix start this message?" and runs per received message, so it allocates nothing.
// Not thread-safe: owned by the socket's thread.
internal sealed class SubscriptionTrie
{
    private readonly PrefixTree<SubscriptionCount> _tree = new();
    private int _count;

    // Distinct prefixes currently subscribed (ZMQ_TOPICS_COUNT).
    public int Count => _count;

    // Nodes in the underlying tree including the root, to check pruning in tests.
    internal int NodeCount => _tree.CountNodes();

    // True when the prefix went from unsubscribed to subscribed; only then does it need to
    // be sent upstream.
    public bool Add(ReadOnlySpan<byte> prefix)
    {
        TrieNode<SubscriptionCount> node = _tree.GetOrAdd(prefix);
        if (node.Value.Value++ != 0)
        {
            return false;
        }

        _count++;
        return true;
    }

    // True when the last reference went away; false, changing nothing, when the prefix was
    // not subscribed.
    public bool Remove(ReadOnlySpan<byte> prefix)
    {
        if (!_tree.TryFind(prefix, out TrieLocation<SubscriptionCount> location) || location.Node.Value.IsEmpty)
        {
            return false;
        }

        if (--location.Node.Value.Value != 0)
        {
            return false;
        }

        _count--;
        _tree.Prune(location);
        return true;
    }

    public bool Matches(ReadOnlySpan<byte> message)
    {
        TrieNode<SubscriptionCount> node = _tree.Root;
        int i = 0;

        // Walk down the message; the first node on the way that holds a subscription is a
        // subscribed prefix of the message, so stop there.
        while (node.Value.IsEmpty)
        {
            if ((uint)i >= (uint)message.Length)
            {
                return false;
            }

            TrieNode<SubscriptionCount>? child = node.Children.Find(message[i]);
            if (child is null)
            {
                return false;
            }

            // Subscriptions only sit on nodes, never inside an edge: a message that ends or
            // differs inside this edge matches nothing below it.
            ReadOnlySpan<byte> segment = child.Segment;
            if (segment.Length != 0 && !message.Slice(i + 1).StartsWith(segment))
            {
                return false;
            }

            node = child;
            i += 1 + segment.Length;
        }

        return true;
    }

    public void Clear()
    {
        _tree.Clear();
        _count = 0;
    }

    // Each distinct subscribed prefix once, in ascending byte order. The visitor must not
    // change this trie.
    public void ForEach(SubscriptionVisitor visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        _tree.Walk((ReadOnlySpan<byte> prefix, ref SubscriptionCount _) => visitor(prefix));
    }
}
