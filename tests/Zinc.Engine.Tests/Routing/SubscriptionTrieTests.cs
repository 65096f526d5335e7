using System.Text;
using Zinc.Routing;

namespace Zinc.Tests.Routing;

public sealed class SubscriptionTrieTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    private static List<string> Topics(SubscriptionTrie trie)
    {
        var topics = new List<string>();
        trie.ForEach(prefix => topics.Add(Convert.ToHexString(prefix)));
        return topics;
    }

    [Fact]
    public void New_trie_is_empty_and_matches_nothing()
    {
        var trie = new SubscriptionTrie();
        Assert.Equal(0, trie.Count);
        Assert.False(trie.Matches(B("anything")));
        Assert.False(trie.Matches([]));
        Assert.Equal(1, trie.NodeCount);
    }

    [Fact]
    public void Add_of_new_topic_reports_new_and_repeat_adds_only_count()
    {
        var trie = new SubscriptionTrie();
        Assert.True(trie.Add(B("abc")));
        Assert.False(trie.Add(B("abc")));
        Assert.False(trie.Add(B("abc")));
        Assert.Equal(1, trie.Count);
    }

    [Fact]
    public void Remove_of_last_reference_reports_topic_gone()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("abc"));
        trie.Add(B("abc"));

        Assert.False(trie.Remove(B("abc")));
        Assert.True(trie.Matches(B("abcdef")));
        Assert.Equal(1, trie.Count);

        Assert.True(trie.Remove(B("abc")));
        Assert.False(trie.Matches(B("abcdef")));
        Assert.Equal(0, trie.Count);
        Assert.Equal(1, trie.NodeCount);
    }

    [Fact]
    public void Remove_of_absent_topic_reports_false_and_changes_nothing()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("abc"));
        trie.Add(B("abx"));

        Assert.False(trie.Remove(B("ab")));      // inside an edge / on a valueless node
        Assert.False(trie.Remove(B("abcd")));    // below a subscribed leaf
        Assert.False(trie.Remove(B("zzz")));     // no such branch
        Assert.False(trie.Remove(B("")));        // root not subscribed
        Assert.False(trie.Remove(B("abd")));     // diverges at the last byte

        Assert.Equal(2, trie.Count);
        Assert.True(trie.Matches(B("abc")));
        Assert.True(trie.Matches(B("abx")));
        Assert.Equal(["616263", "616278"], Topics(trie));
    }

    [Fact]
    public void Subscribed_prefix_matches_messages_that_start_with_it()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("weather/"));

        Assert.True(trie.Matches(B("weather/")));
        Assert.True(trie.Matches(B("weather/paris")));
        Assert.False(trie.Matches(B("weather")));   // message shorter than the prefix
        Assert.False(trie.Matches(B("weathex/")));
        Assert.False(trie.Matches(B("news/")));
        Assert.False(trie.Matches([]));
    }

    [Fact]
    public void Empty_prefix_subscribes_to_everything()
    {
        var trie = new SubscriptionTrie();
        Assert.True(trie.Add([]));
        Assert.Equal(1, trie.Count);
        Assert.True(trie.Matches([]));
        Assert.True(trie.Matches(B("x")));
        Assert.True(trie.Matches([0x00, 0xFF]));

        Assert.True(trie.Remove([]));
        Assert.False(trie.Matches(B("x")));
        Assert.Equal(0, trie.Count);
    }

    [Fact]
    public void Shorter_prefix_keeps_matching_after_a_longer_one_is_removed()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("a"));
        trie.Add(B("abc"));
        trie.Add(B("abd"));

        Assert.True(trie.Remove(B("abc")));
        Assert.True(trie.Matches(B("abc")));   // still covered by "a"
        Assert.True(trie.Remove(B("a")));
        Assert.False(trie.Matches(B("abc")));
        Assert.True(trie.Matches(B("abd!")));
        Assert.False(trie.Matches(B("ab")));
        Assert.Equal(2, trie.NodeCount);       // root + one merged "abd" node
    }

    [Fact]
    public void Prefixes_that_split_an_edge_match_independently()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("topic/long/name"));
        trie.Add(B("topic/"));          // ends inside the existing edge
        trie.Add(B("topic/lot"));       // diverges inside what is left of it

        Assert.Equal(3, trie.Count);
        Assert.True(trie.Matches(B("topic/")));
        Assert.True(trie.Matches(B("topic/x")));
        Assert.True(trie.Remove(B("topic/")));
        Assert.False(trie.Matches(B("topic/x")));
        Assert.True(trie.Matches(B("topic/lots")));
        Assert.True(trie.Matches(B("topic/long/names")));
        Assert.False(trie.Matches(B("topic/long/nam")));
        Assert.False(trie.Matches(B("topic/lo")));
    }

    [Fact]
    public void Binary_topics_with_0x00_and_0xFF_are_ordinary_bytes()
    {
        var trie = new SubscriptionTrie();
        trie.Add([0x00]);
        trie.Add([0xFF, 0x00, 0xFF]);
        trie.Add([0x01, 0x00, 0x00]);

        Assert.True(trie.Matches([0x00, 0x42]));
        Assert.True(trie.Matches([0xFF, 0x00, 0xFF, 0xFF]));
        Assert.False(trie.Matches([0xFF, 0x00]));
        Assert.False(trie.Matches([0xFF, 0xFF, 0xFF]));
        Assert.True(trie.Matches([0x01, 0x00, 0x00]));
        Assert.False(trie.Matches([0x01, 0x00, 0x01]));
        Assert.False(trie.Matches([0x02]));
    }

    [Fact]
    public void Node_with_every_possible_child_byte_grows_to_a_table_and_shrinks_back()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("x")); // keep a subscribed parent so the wide node itself stays

        for (int b = 0; b < 256; b++)
        {
            Assert.True(trie.Add([(byte)'x', (byte)b, 0x00]));
        }

        Assert.Equal(257, trie.Count);
        Assert.Equal(258, trie.NodeCount);
        Assert.True(trie.Remove(B("x")));

        for (int b = 0; b < 256; b++)
        {
            Assert.True(trie.Matches([(byte)'x', (byte)b, 0x00, 0x99]));
            Assert.False(trie.Matches([(byte)'x', (byte)b, 0x01]));
        }

        // Remove from the top down, checking all the rest as the node passes back
        // through the table/sparse thresholds.
        for (int b = 255; b >= 0; b--)
        {
            Assert.True(trie.Remove([(byte)'x', (byte)b, 0x00]));
            for (int other = 0; other < 256; other++)
            {
                Assert.Equal(other < b, trie.Matches([(byte)'x', (byte)other, 0x00]));
            }
        }

        Assert.Equal(0, trie.Count);
        Assert.Equal(1, trie.NodeCount);
    }

    [Fact]
    public void ForEach_visits_each_distinct_prefix_once_in_byte_order()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("b"));
        trie.Add(B("a"));
        trie.Add(B("ab"));
        trie.Add(B("ab"));
        trie.Add([]);
        trie.Add([0xFF]);

        Assert.Equal(["", "61", "6162", "62", "FF"], Topics(trie));
    }

    [Fact]
    public void ForEach_handles_prefixes_longer_than_its_initial_buffer()
    {
        var trie = new SubscriptionTrie();
        byte[] a = Enumerable.Repeat((byte)'a', 1000).ToArray();
        trie.Add(a);
        trie.Add(a.AsSpan(0, 10));
        trie.Add([.. a, .. B("bbbb")]);

        var lengths = new List<int>();
        trie.ForEach(prefix => lengths.Add(prefix.Length));
        Assert.Equal([10, 1000, 1004], lengths);
    }

    [Fact]
    public void Clear_forgets_every_subscription()
    {
        var trie = new SubscriptionTrie();
        trie.Add(B("a"));
        trie.Add([]);
        trie.Clear();

        Assert.Equal(0, trie.Count);
        Assert.False(trie.Matches(B("a")));
        Assert.Empty(Topics(trie));
        Assert.True(trie.Add(B("a")));
    }

    [Fact]
    public void Deep_trees_are_handled_without_recursion()
    {
        // Every prefix of a 4,000-byte topic: a tree 4,000 nodes deep, worked on from a
        // thread with a 128 KiB stack that a recursive walk of that depth would overflow.
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    WorkOnDeepTree();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 128 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    private static void WorkOnDeepTree()
    {
        var trie = new SubscriptionTrie();
        byte[] topic = new byte[4_000];
        new Random(7).NextBytes(topic);
        for (int length = 1; length <= topic.Length; length++)
        {
            trie.Add(topic.AsSpan(0, length));
        }

        int visited = 0;
        trie.ForEach(_ => visited++);
        Assert.Equal(topic.Length, visited);
        Assert.Equal(topic.Length + 1, trie.NodeCount);

        for (int length = 1; length < topic.Length; length++)
        {
            Assert.True(trie.Remove(topic.AsSpan(0, length)));
        }

        Assert.False(trie.Matches(topic.AsSpan(0, topic.Length - 1)));
        Assert.True(trie.Matches(topic));
        Assert.Equal(2, trie.NodeCount);
    }

    [Fact]
    public void Matches_does_not_allocate()
    {
        var trie = new SubscriptionTrie();
        for (int i = 0; i < 1000; i++)
        {
            trie.Add(B($"topic/{i}/x"));
        }

        byte[] hit = B("topic/999/x/payload");
        byte[] miss = B("topic/999/y");
        trie.Matches(hit);
        trie.Matches(miss);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            trie.Matches(hit);
            trie.Matches(miss);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
