using Zinc.Pipes;

namespace Zinc.Routing;

// A frame an XPUB holds for its application: a subscription message, or a frame an upstream
// XSUB application sent. Source is the pipe it came from (null for the unsubscriptions XPUB
// makes up when a pipe goes away); XPUB_MANUAL subscribes that pipe after the app reads it.
internal readonly struct UpstreamMessage
{
    public UpstreamMessage(Msg msg, Pipe? source, bool isSubscription)
    {
        Msg = msg;
        Source = source;
        IsSubscription = isSubscription;
    }

    public Msg Msg { get; }

    public Pipe? Source { get; }

    public bool IsSubscription { get; }
}
