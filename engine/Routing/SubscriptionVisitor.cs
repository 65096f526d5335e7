namespace Zinc.Routing;

// Receives a subscribed prefix. The span is only valid during the call.
internal delegate void SubscriptionVisitor(ReadOnlySpan<byte> prefix);
