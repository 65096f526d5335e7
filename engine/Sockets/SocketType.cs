namespace Zinc;

/// <summary>Socket types, numbered as libzmq numbers them (ZMQ_PAIR = 0 ...).</summary>
public enum SocketType
{
    /// <summary>Exclusive pair (RFC 31).</summary>
    Pair = 0,
    /// <summary>Publisher (RFC 29).</summary>
    Pub = 1,
    /// <summary>Subscriber (RFC 29).</summary>
    Sub = 2,
    /// <summary>Requester (RFC 28).</summary>
    Req = 3,
    /// <summary>Replier (RFC 28).</summary>
    Rep = 4,
    /// <summary>Asynchronous requester (RFC 28).</summary>
    Dealer = 5,
    /// <summary>Asynchronous replier with explicit addressing (RFC 28).</summary>
    Router = 6,
    /// <summary>Pipeline receiver (RFC 30).</summary>
    Pull = 7,
    /// <summary>Pipeline sender (RFC 30).</summary>
    Push = 8,
    /// <summary>Publisher that sees subscriptions (RFC 29).</summary>
    XPub = 9,
    /// <summary>Subscriber that sends subscriptions as messages (RFC 29).</summary>
    XSub = 10,
    /// <summary>Raw TCP stream.</summary>
    Stream = 11,
    /// <summary>Thread-safe server (RFC 41, draft).</summary>
    Server = 12,
    /// <summary>Thread-safe client (RFC 41, draft).</summary>
    Client = 13,
    /// <summary>Group publisher (draft).</summary>
    Radio = 14,
    /// <summary>Group subscriber (draft).</summary>
    Dish = 15,
    /// <summary>Fair-queued collector (draft).</summary>
    Gather = 16,
    /// <summary>Round-robin distributor (draft).</summary>
    Scatter = 17,
    /// <summary>Datagram over UDP (draft).</summary>
    Dgram = 18,
    /// <summary>Peer-to-peer (draft).</summary>
    Peer = 19,
    /// <summary>Thread-safe pair (draft).</summary>
    Channel = 20,
}
