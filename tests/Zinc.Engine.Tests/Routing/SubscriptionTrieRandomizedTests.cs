using Zinc.Routing;

namespace Zinc.Tests.Routing;

// Both tries driven by long random operation sequences and checked against the obvious
// implementation (a dictionary of prefixes and a StartsWith scan), including the tree's
// shape: the node count must equal that of a trie built fresh from the surviving prefixes,
// which catches any missed prune or merge.
public sealed class SubscriptionTrieRandomizedTests
{
    private sealed class Pipe(int id)
    {
        public int Id { get; } = id;
    }

    private struct Collector : ISubscriberVisitor<Pipe>
    {
        public List<int> Seen;

        public readonly void Visit(Pipe subscriber) => Seen.Add(subscriber.Id);
    }

    // Narrow alphabets give deep shared prefixes and many splits and merges; the full byte
    // range gives wide nodes that cross the table threshold; long topics give edge segments
    // on both sides of the 16 bytes a node stores inline.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 3, 6 },      // seed, alphabet size, max length
        { 2, 2, 12 },
        { 3, 256, 3 },
        { 4, 40, 4 },
        { 5, 256, 16 },
        { 6, 2, 40 },
        { 7, 256, 48 },
    };

    private static byte[] RandomBytes(Random random, int alphabet, int maxLength)
    {
        var bytes = new byte[random.Next(0, maxLength + 1)];
        for (int i = 0; i < bytes.Length; i++)
        {
            // Map the alphabet onto the ends of the byte range so 0x00 and 0xFF appear.
            int symbol = random.Next(alphabet);
            bytes[i] = (byte)(symbol % 2 == 0 ? symbol / 2 : 255 - symbol / 2);
        }

        return bytes;
    }

    private static string Key(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SubscriptionTrie_agrees_with_a_counting_dictionary(int seed, int alphabet, int maxLength)
    {
        var random = new Random(seed);
        var trie = new SubscriptionTrie();
        var reference = new Dictionary<string, (byte[] Bytes, int Count)>();
        var known = new List<byte[]>();

        for (int step = 0; step < 10_000; step++)
        {
            // Reuse earlier prefixes often so counts climb above one and removes hit.
            byte[] prefix = known.Count > 0 && random.Next(3) != 0
                ? known[random.Next(known.Count)]
                : RandomBytes(random, alphabet, maxLength);
            known.Add(prefix);
            string key = Key(prefix);
            reference.TryGetValue(key, out var entry);

            if (random.Next(100) < 55)
            {
                Assert.Equal(entry.Count == 0, trie.Add(prefix));
                reference[key] = (prefix, entry.Count + 1);
            }
            else
            {
                Assert.Equal(entry.Count == 1, trie.Remove(prefix));
                if (entry.Count > 1)
                {
                    reference[key] = (prefix, entry.Count - 1);
                }
                else
                {
                    reference.Remove(key);
                }
            }

            Assert.Equal(reference.Count, trie.Count);

            byte[] message = RandomBytes(random, alphabet, maxLength + 2);
            bool expected = reference.Values.Any(e => message.AsSpan().StartsWith(e.Bytes));
            Assert.Equal(expected, trie.Matches(message));

            if (step % 100 == 99)
            {
                // Shape first: ForEach's walk would tidy up a missed prune and hide it.
                var fresh = new SubscriptionTrie();
                foreach (var e in reference.Values)
                {
                    fresh.Add(e.Bytes);
                }

                Assert.Equal(fresh.NodeCount, trie.NodeCount);

                var visited = new List<string>();
                trie.ForEach(p => visited.Add(Key(p)));
                Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), visited);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SubscriptionMultiTrie_agrees_with_a_dictionary_of_sets(int seed, int alphabet, int maxLength)
    {
        var random = new Random(seed);
        var trie = new SubscriptionMultiTrie<Pipe>();
        var reference = new Dictionary<string, (byte[] Bytes, HashSet<int> Pipes)>();
        var known = new List<byte[]>();

        // 40 pipes so sets pass the 16-subscriber index threshold and fall back below it.
        Pipe[] pipes = Enumerable.Range(0, 40).Select(i => new Pipe(i)).ToArray();

        for (int step = 0; step < 10_000; step++)
        {
            byte[] prefix = known.Count > 0 && random.Next(3) != 0
                ? known[random.Next(known.Count)]
                : RandomBytes(random, alphabet, maxLength);
            known.Add(prefix);
            string key = Key(prefix);
            Pipe pipe = pipes[random.Next(pipes.Length)];
            if (!reference.TryGetValue(key, out var entry))
            {
                entry = (prefix, []);
            }

            int operation = random.Next(1000);
            if (operation < 550)
            {
                bool wasEmpty = entry.Pipes.Count == 0;
                bool added = entry.Pipes.Add(pipe.Id);
                Assert.Equal(wasEmpty, trie.Add(prefix, pipe));
                if (added)
                {
                    reference[key] = entry;
                }
            }
            else if (operation < 995)
            {
                bool removed = entry.Pipes.Remove(pipe.Id);
                Assert.Equal(removed && entry.Pipes.Count == 0, trie.Remove(prefix, pipe));
                if (entry.Pipes.Count == 0)
                {
                    reference.Remove(key);
                }
            }
            else
            {
                var expectedLost = new List<string>();
                foreach (var (k, e) in reference.ToList())
                {
                    if (e.Pipes.Remove(pipe.Id) && e.Pipes.Count == 0)
                    {
                        expectedLost.Add(k);
                        reference.Remove(k);
                    }
                }

                var lost = new List<string>();
                trie.RemoveAll(pipe, p => lost.Add(Key(p)));
                Assert.Equal(expectedLost.Order(StringComparer.Ordinal), lost);
            }

            Assert.Equal(reference.Count, trie.Count);

            byte[] message = RandomBytes(random, alphabet, maxLength + 2);
            var expected = reference.Values
                .Where(e => message.AsSpan().StartsWith(e.Bytes))
                .OrderBy(e => e.Bytes.Length)
                .SelectMany(e => e.Pipes.Order())
                .ToList();
            var collector = new Collector { Seen = [] };
            trie.Match(message, ref collector);

            // Prefixes come shortest first; within one prefix the order is unspecified.
            Assert.Equal(expected.Order(), collector.Seen.Order());
            Assert.Equal(expected.Count, collector.Seen.Count);

            if (step % 100 == 99)
            {
                var fresh = new SubscriptionMultiTrie<Pipe>();
                foreach (var e in reference.Values)
                {
                    fresh.Add(e.Bytes, pipes[e.Pipes.First()]);
                }

                Assert.Equal(fresh.NodeCount, trie.NodeCount);
            }
        }
    }
}
