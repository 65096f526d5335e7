using System.Text;
using Zinc.Routing;

namespace Zinc.Tests.Routing;

public sealed class SubscriptionMultiTrieTests
{
    private sealed class Pipe(string name)
    {
        public string Name { get; } = name;

        public override string ToString() => Name;

        // Equal by name on purpose: the trie must compare subscribers by identity.
        public override bool Equals(object? obj) => obj is Pipe other && other.Name == Name;

        public override int GetHashCode() => Name.GetHashCode();
    }

    private struct Collector : ISubscriberVisitor<Pipe>
    {
        public List<Pipe> Seen;

        public readonly void Visit(Pipe subscriber) => Seen.Add(subscriber);
    }

    private struct Counter : ISubscriberVisitor<Pipe>
    {
        public int Visits;

        public void Visit(Pipe subscriber) => Visits++;
    }

    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    private static List<Pipe> Match(SubscriptionMultiTrie<Pipe> trie, string message)
    {
        var collector = new Collector { Seen = [] };
        trie.Match(B(message), ref collector);
        return collector.Seen;
    }

    [Fact]
    public void First_subscriber_of_a_prefix_is_reported_and_later_ones_are_not()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe a = new("a"), b = new("b");

        Assert.True(trie.Add(B("t"), a));
        Assert.False(trie.Add(B("t"), b));
        Assert.Equal(1, trie.Count);
        Assert.True(trie.Add(B("u"), b));
        Assert.Equal(2, trie.Count);
    }

    [Fact]
    public void Same_subscriber_added_twice_is_kept_once()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        var a = new Pipe("a");

        Assert.True(trie.Add(B("t"), a));
        Assert.False(trie.Add(B("t"), a));
        Assert.Equal([a], Match(trie, "topic"));

        // One remove undoes it: it was a set, not a count.
        Assert.True(trie.Remove(B("t"), a));
        Assert.Empty(Match(trie, "topic"));
        Assert.Equal(0, trie.Count);
    }

    [Fact]
    public void Subscribers_are_told_apart_by_identity_not_equality()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe first = new("same"), second = new("same");

        Assert.True(trie.Add(B("t"), first));
        Assert.False(trie.Add(B("t"), second));
        Assert.Equal(2, Match(trie, "t").Count);
        Assert.False(trie.Remove(B("t"), first));
        Assert.Same(second, Assert.Single(Match(trie, "t")));
    }

    [Fact]
    public void Remove_of_last_subscriber_reports_topic_gone()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe a = new("a"), b = new("b");
        trie.Add(B("t"), a);
        trie.Add(B("t"), b);

        Assert.False(trie.Remove(B("t"), a));
        Assert.Equal([b], Match(trie, "t"));
        Assert.True(trie.Remove(B("t"), b));
        Assert.Equal(0, trie.Count);
        Assert.Equal(1, trie.NodeCount);
    }

    [Fact]
    public void Remove_of_unsubscribed_pair_reports_false_and_changes_nothing()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe a = new("a"), b = new("b");
        trie.Add(B("topic"), a);

        Assert.False(trie.Remove(B("topic"), b));
        Assert.False(trie.Remove(B("top"), a));
        Assert.False(trie.Remove(B("topics"), a));
        Assert.False(trie.Remove([], a));
        Assert.Equal([a], Match(trie, "topic"));
        Assert.Equal(1, trie.Count);
    }

    [Fact]
    public void Match_visits_subscribers_of_every_matching_prefix_shortest_first()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe all = new("all"), a = new("a"), ab = new("ab"), abc = new("abc"), other = new("other");
        trie.Add([], all);
        trie.Add(B("a"), a);
        trie.Add(B("ab"), ab);
        trie.Add(B("abc"), abc);
        trie.Add(B("abd"), other);
        trie.Add(B("b"), other);

        Assert.Equal([all, a, ab, abc], Match(trie, "abcdef"));
        Assert.Equal([all, a, ab], Match(trie, "ab"));
        Assert.Equal([all], Match(trie, ""));
        Assert.Equal([all, other], Match(trie, "b"));
    }

    [Fact]
    public void Subscriber_on_two_matching_prefixes_is_visited_twice()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        var a = new Pipe("a");
        trie.Add(B("A"), a);
        trie.Add(B("AB"), a);

        Assert.Equal([a, a], Match(trie, "ABC"));
        Assert.Equal([a], Match(trie, "AX"));
    }

    [Fact]
    public void Binary_prefixes_with_0x00_and_0xFF_match()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe zero = new("zero"), ff = new("ff");
        trie.Add([0x00, 0x00], zero);
        trie.Add([0xFF], ff);

        var collector = new Collector { Seen = [] };
        trie.Match([0x00, 0x00, 0xFF], ref collector);
        trie.Match([0xFF, 0x00], ref collector);
        trie.Match([0x00, 0xFF], ref collector);
        Assert.Equal([zero, ff], collector.Seen);
    }

    [Fact]
    public void RemoveAll_drops_every_subscription_of_one_subscriber()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe gone = new("gone"), stays = new("stays");
        trie.Add([], gone);
        trie.Add(B("a"), gone);
        trie.Add(B("ab"), gone);
        trie.Add(B("ab"), stays);
        trie.Add(B("abc"), gone);
        trie.Add(B("b"), stays);
        trie.Add(B("c"), gone);

        var lost = new List<string>();
        trie.RemoveAll(gone, prefix => lost.Add(Encoding.ASCII.GetString(prefix)));

        Assert.Equal(["", "a", "abc", "c"], lost);
        Assert.Equal(2, trie.Count);
        Assert.Equal([stays], Match(trie, "abcd"));
        Assert.Equal([stays], Match(trie, "b"));
        Assert.Empty(Match(trie, "c"));

        // Canonical shape: root, "ab", "b".
        Assert.Equal(3, trie.NodeCount);

        // A second RemoveAll finds nothing left to drop.
        trie.RemoveAll(gone, _ => Assert.Fail("nothing left"));
        Assert.Equal(2, trie.Count);
    }

    [Fact]
    public void RemoveAll_of_the_only_subscriber_leaves_an_empty_trie()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        var only = new Pipe("only");
        for (int i = 0; i < 300; i++)
        {
            trie.Add(B($"t/{i}"), only);
        }

        int lost = 0;
        trie.RemoveAll(only, _ => lost++);

        Assert.Equal(300, lost);
        Assert.Equal(0, trie.Count);
        Assert.Equal(1, trie.NodeCount);
        Assert.Empty(Match(trie, "t/1"));
    }

    [Fact]
    public void Large_subscriber_sets_keep_set_semantics_across_the_index_threshold()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe[] pipes = Enumerable.Range(0, 100).Select(i => new Pipe($"p{i}")).ToArray();

        for (int i = 0; i < pipes.Length; i++)
        {
            Assert.Equal(i == 0, trie.Add(B("t"), pipes[i]));
            Assert.False(trie.Add(B("t"), pipes[i]));
        }

        Assert.Equal(pipes.ToHashSet(), Match(trie, "t").ToHashSet());
        Assert.Equal(100, Match(trie, "t").Count);

        // Remove down through the threshold, odd ones first, checking membership.
        for (int i = 1; i < pipes.Length; i += 2)
        {
            Assert.False(trie.Remove(B("t"), pipes[i]));
            Assert.False(trie.Remove(B("t"), pipes[i]));
        }

        Assert.Equal(pipes.Where((_, i) => i % 2 == 0).ToHashSet(), Match(trie, "t").ToHashSet());
        for (int i = 0; i < pipes.Length - 2; i += 2)
        {
            Assert.False(trie.Remove(B("t"), pipes[i]));
        }

        Assert.True(trie.Remove(B("t"), pipes[^2]));
        Assert.Empty(Match(trie, "t"));
    }

    [Fact]
    public void Wide_nodes_grow_past_the_table_threshold_and_shrink_back()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe[] pipes = Enumerable.Range(0, 256).Select(i => new Pipe($"p{i}")).ToArray();
        for (int b = 0; b < 256; b++)
        {
            Assert.True(trie.Add([0xAA, (byte)b], pipes[b]));
        }

        for (int b = 0; b < 256; b++)
        {
            var collector = new Collector { Seen = [] };
            trie.Match([0xAA, (byte)b, 0x00], ref collector);
            Assert.Same(pipes[b], Assert.Single(collector.Seen));
        }

        for (int b = 0; b < 256; b++)
        {
            Assert.True(trie.Remove([0xAA, (byte)b], pipes[b]));
            var counter = new Counter();
            trie.Match([0xAA, 0xFF], ref counter);
            Assert.Equal(b == 255 ? 0 : 1, counter.Visits);
        }

        Assert.Equal(1, trie.NodeCount);
    }

    [Fact]
    public void Match_does_not_allocate()
    {
        var trie = new SubscriptionMultiTrie<Pipe>();
        Pipe[] pipes = Enumerable.Range(0, 40).Select(i => new Pipe($"p{i}")).ToArray();
        for (int i = 0; i < 1000; i++)
        {
            trie.Add(B($"topic/{i}"), pipes[i % pipes.Length]);
        }

        foreach (Pipe pipe in pipes)
        {
            trie.Add(B("topic/"), pipe); // a set past the index threshold
        }

        byte[] message = B("topic/123/payload");
        var counter = new Counter();
        trie.Match(message, ref counter);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            trie.Match(message, ref counter);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(1001 * (40 + 3), counter.Visits);
    }
}
