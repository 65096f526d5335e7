using Zinc.Pipes;

namespace Zinc.Routing;

// Feeds SubscriptionMultiTrie.Match results into a Distributor's fan-out set. A struct so the
// per-message match is specialised and allocates nothing.
internal readonly struct DistributorMatcher : ISubscriberVisitor<Pipe>
{
    private readonly Distributor _distributor;
    private readonly Pipe? _only;

    // With only set (XPUB_MANUAL_LAST_VALUE), pipes other than it are ignored.
    public DistributorMatcher(Distributor distributor, Pipe? only)
    {
        _distributor = distributor;
        _only = only;
    }

    public void Visit(Pipe subscriber)
    {
        if (_only is null || ReferenceEquals(subscriber, _only)) _distributor.Match(subscriber);
    }
}
