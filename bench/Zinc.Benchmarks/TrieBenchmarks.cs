using System.Text;
using BenchmarkDotNet.Attributes;
using Zinc.Routing;

namespace Zinc.Benchmarks;

// Subscription matching with 100,000 subscriptions, the per-message cost of SUB filtering
// and PUB fan-out. "same" repeats one message (the tree path stays in cache: the CPU cost);
// "rotating" matches a batch of 1,024 different messages, so each walk goes down a
// different path of a tree far larger than L2 (the cost with cache misses).
// Target: >= 10 M matches/s on one core (<= 100 ns/op), 0 B allocated.
[MemoryDiagnoser]
public class TrieBenchmarks
{
    private const int Subscriptions = 100_000;
    private const int Subscribers = 100;
    private const int Batch = 1024;

    private readonly SubscriptionTrie _hierarchical = new();
    private readonly SubscriptionTrie _random = new();
    private readonly SubscriptionMultiTrie<Subscriber> _multiHierarchical = new();
    private readonly SubscriptionMultiTrie<Subscriber> _multiRandom = new();

    private byte[] _hierarchicalMessage = [];
    private byte[][] _hierarchicalHits = [];
    private byte[][] _randomHits = [];
    private byte[][] _randomNearMisses = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var subscribers = new Subscriber[Subscribers];
        for (int i = 0; i < subscribers.Length; i++)
        {
            subscribers[i] = new Subscriber();
        }

        // "market/{i:D5}/trades": a shared head, then a five-digit fan-out; the message is
        // the whole topic plus a payload, so the walk goes to the bottom.
        for (int i = 0; i < Subscriptions; i++)
        {
            byte[] topic = Encoding.ASCII.GetBytes($"market/{i:D5}/trades");
            _hierarchical.Add(topic);
            _multiHierarchical.Add(topic, subscribers[i % Subscribers]);
        }

        // Random 8-16 byte binary topics.
        var randomTopics = new byte[Subscriptions][];
        for (int i = 0; i < Subscriptions; i++)
        {
            randomTopics[i] = new byte[random.Next(8, 17)];
            random.NextBytes(randomTopics[i]);
            _random.Add(randomTopics[i]);
            _multiRandom.Add(randomTopics[i], subscribers[i % Subscribers]);
        }

        _hierarchicalMessage = Encoding.ASCII.GetBytes("market/54321/trades:price=101.5");
        _hierarchicalHits = new byte[Batch][];
        _randomHits = new byte[Batch][];
        _randomNearMisses = new byte[Batch][];
        for (int i = 0; i < Batch; i++)
        {
            _hierarchicalHits[i] = Encoding.ASCII.GetBytes($"market/{random.Next(Subscriptions):D5}/trades:price=101.5");

            byte[] topic = randomTopics[random.Next(Subscriptions)];
            _randomHits[i] = [.. topic, .. "payload-payload-payload"u8];

            // Same topic with its last byte changed: walks the full depth and then fails.
            byte[] nearMiss = (byte[])topic.Clone();
            nearMiss[^1] ^= 0x5A;
            _randomNearMisses[i] = nearMiss;
        }
    }

    [Benchmark]
    public bool Sub_Matches_hierarchical_same() => _hierarchical.Matches(_hierarchicalMessage);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Sub_Matches_hierarchical_rotating() => CountMatches(_hierarchical, _hierarchicalHits);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Sub_Matches_random_rotating() => CountMatches(_random, _randomHits);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Sub_Matches_random_near_miss_rotating() => CountMatches(_random, _randomNearMisses);

    [Benchmark]
    public int Pub_Match_hierarchical_same()
    {
        var counter = new VisitCounter();
        _multiHierarchical.Match(_hierarchicalMessage, ref counter);
        return counter.Visits;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Pub_Match_hierarchical_rotating() => CountVisits(_multiHierarchical, _hierarchicalHits);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Pub_Match_random_rotating() => CountVisits(_multiRandom, _randomHits);

    private static int CountMatches(SubscriptionTrie trie, byte[][] messages)
    {
        int matched = 0;
        foreach (byte[] message in messages)
        {
            if (trie.Matches(message))
            {
                matched++;
            }
        }

        return matched;
    }

    private static int CountVisits(SubscriptionMultiTrie<Subscriber> trie, byte[][] messages)
    {
        var counter = new VisitCounter();
        foreach (byte[] message in messages)
        {
            trie.Match(message, ref counter);
        }

        return counter.Visits;
    }

    public sealed class Subscriber;

    private struct VisitCounter : ISubscriberVisitor<Subscriber>
    {
        public int Visits;

        public void Visit(Subscriber subscriber) => Visits++;
    }
}
