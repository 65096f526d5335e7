namespace Zinc.Routing;

// The subscriptions held by a PUB/XPUB socket: for each topic prefix, the set of
// subscribers (pipes) that asked for it. Match finds who gets a message and runs per sent
// message, so it allocates nothing. Not thread-safe: owned by the socket's thread.
internal sealed class SubscriptionMultiTrie<T>
    where T : class
{
    private readonly PrefixTree<SubscriberSet<T>> _tree = new();
    private int _count;

    // Distinct prefixes with at least one subscriber.
    public int Count => _count;

    // Nodes in the underlying tree including the root, to check pruning in tests.
    internal int NodeCount => _tree.CountNodes();

    // True when this is the prefix's first subscriber (XPUB then forwards the subscription
    // upstream). False, changing nothing, when the subscriber already had it.
    public bool Add(ReadOnlySpan<byte> prefix, T subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        TrieNode<SubscriberSet<T>> node = _tree.GetOrAdd(prefix);
        if (!node.Value.Add(subscriber))
        {
            return false;
        }

        if (node.Value.Count != 1)
        {
            return false;
        }

        _count++;
        return true;
    }

    // True when the subscriber was the prefix's last one (XPUB then forwards the
    // unsubscription). False, changing nothing, when it was not subscribed to it.
    public bool Remove(ReadOnlySpan<byte> prefix, T subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (!_tree.TryFind(prefix, out TrieLocation<SubscriberSet<T>> location)
            || !location.Node.Value.Remove(subscriber))
        {
            return false;
        }

        if (!location.Node.Value.IsEmpty)
        {
            return false;
        }

        _count--;
        _tree.Prune(location);
        return true;
    }

    // Drops every subscription of subscriber (its pipe went away), calling onLastRemoved
    // for each prefix left without subscribers. onLastRemoved must not change this trie.
    public void RemoveAll(T subscriber, SubscriptionVisitor onLastRemoved)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(onLastRemoved);
        _tree.Walk((ReadOnlySpan<byte> prefix, ref SubscriberSet<T> subscribers) =>
        {
            if (subscribers.Remove(subscriber) && subscribers.IsEmpty)
            {
                _count--;
                onLastRemoved(prefix);
            }
        });
    }

    // Calls visitor.Visit for every subscriber of every subscribed prefix of message. A
    // subscriber holding several matching prefixes is visited once per prefix; deduplication
    // is the caller's (it already has per-pipe state to mark).
    public void Match<TVisitor>(ReadOnlySpan<byte> message, ref TVisitor visitor)
        where TVisitor : struct, ISubscriberVisitor<T>
    {
        TrieNode<SubscriberSet<T>> node = _tree.Root;
        int i = 0;
        while (true)
        {
            node.Value.Visit(ref visitor);

            if ((uint)i >= (uint)message.Length)
            {
                return;
            }

            TrieNode<SubscriberSet<T>>? child = node.Children.Find(message[i]);
            if (child is null)
            {
                return;
            }

            // Subscriptions only sit on nodes, never inside an edge: a message that ends or
            // differs inside this edge matches nothing further down.
            ReadOnlySpan<byte> segment = child.Segment;
            if (segment.Length != 0 && !message.Slice(i + 1).StartsWith(segment))
            {
                return;
            }

            node = child;
            i += 1 + segment.Length;
        }
    }
}
