using Zinc.Routing;

namespace Zinc.Tests.Routing;

public sealed class SubscriberSetTests
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

    private static List<int> Members(ref SubscriberSet<Pipe> set)
    {
        var collector = new Collector { Seen = [] };
        set.Visit(ref collector);
        return collector.Seen;
    }

    [Fact]
    public void Empty_set_visits_nothing()
    {
        var set = default(SubscriberSet<Pipe>);
        Assert.True(set.IsEmpty);
        Assert.Empty(Members(ref set));
        Assert.False(set.Remove(new Pipe(0)));
    }

    [Fact]
    public void Removing_the_inline_first_subscriber_keeps_the_others()
    {
        var set = default(SubscriberSet<Pipe>);
        Pipe a = new(1), b = new(2), c = new(3);
        set.Add(a);
        set.Add(b);
        set.Add(c);

        Assert.True(set.Remove(a));
        Assert.Equal([2, 3], Members(ref set).Order());
        Assert.False(set.Contains(a));
        Assert.True(set.Add(a));
        Assert.Equal([1, 2, 3], Members(ref set).Order());
    }

    [Fact]
    public void Random_adds_and_removes_agree_with_a_hash_set()
    {
        // 60 candidates so the set crosses the 16-member index threshold both ways.
        var random = new Random(99);
        Pipe[] pipes = Enumerable.Range(0, 60).Select(i => new Pipe(i)).ToArray();
        var set = default(SubscriberSet<Pipe>);
        var reference = new HashSet<int>();

        for (int step = 0; step < 20_000; step++)
        {
            Pipe pipe = pipes[random.Next(pipes.Length)];

            // Alternate phases that settle near 48 and near 6 members, so the set keeps
            // building and dropping its index.
            bool add = random.Next(100) < ((step / 2000) % 2 == 0 ? 80 : 10);
            if (add)
            {
                Assert.Equal(reference.Add(pipe.Id), set.Add(pipe));
            }
            else
            {
                Assert.Equal(reference.Remove(pipe.Id), set.Remove(pipe));
            }

            Assert.Equal(reference.Count, set.Count);
            Assert.Equal(reference.Contains(pipe.Id), set.Contains(pipe));
            if (step % 50 == 0)
            {
                Assert.Equal(reference.Order(), Members(ref set).Order());
            }
        }
    }
}
