namespace Zinc.Routing;

// What Distributor.Send does with a matched pipe that has no credit for a new message.
internal enum FanOutPolicy
{
    // Skip it for the whole message (PUB/XPUB in the mute state, XSUB user messages).
    Drop,

    // Refuse the message with EAGAIN if any matched pipe lacks credit (XPUB_NODROP), so the
    // socket blocks, or fails under DONTWAIT, and nothing is half-sent.
    Wait,

    // Write regardless of credit (subscription messages): losing a subscription silently
    // would starve a subscriber forever, and there are only as many as the application made.
    Force,
}
