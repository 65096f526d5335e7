namespace Zinc.Routing;

// What a Distributor (and an XPUB) keeps per pipe, hung on Pipe.Tag. Plain fields: they are
// touched per matched pipe per message, and this object never leaves the socket's thread.
internal sealed class SubscriberState
{
    // The match round that last selected this pipe: a pipe reached through several matching
    // prefixes is added to the fan-out set once, without a per-message set or allocation.
    public long Stamp;

    // False once the Distributor dropped the pipe (XPUB_MANUAL must not subscribe a gone pipe).
    public bool Attached = true;

    // XPUB only: the prefixes this pipe asked for, each at most once. It lets XPUB tell an
    // unsubscription for a prefix the pipe never had (libzmq reports those) from one that
    // leaves other subscribers, and lists what to unsubscribe when the pipe goes away.
    public SubscriptionTrie? Topics;
}
