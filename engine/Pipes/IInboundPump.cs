namespace Zinc.Pipes;

/// <summary>
/// The far end of a pipe whose connection the receiving thread may read itself: a network
/// session that lends its descriptor to the application thread while that thread keeps
/// receiving, so a message goes from the socket buffer to the caller with no IO-thread hop and
/// no wake-up (the hop and the wake-up are what a small machine pays most for). The IO loop
/// takes the descriptor back when the lease runs out, when anything but message data arrives,
/// or when the socket waits some other way (a poller, an async receive, ZMQ_FD).
/// </summary>
internal interface IInboundPump
{
    /// <summary>
    /// The receiving thread found the socket empty: if the connection is lent to it, read what
    /// the kernel holds and deliver it into the pipe, without blocking. If it is not,
    /// <paramref name="requestLend"/> asks the loop to lend it (a blocking receive does; a
    /// non-blocking one only uses a lease it already has). True when bytes arrived.
    /// </summary>
    bool PumpFromReceiver(bool requestLend);

    /// <summary>
    /// The descriptor a receiver about to park may poll for readability, or -1 when the
    /// connection is not lent; while watched the lease does not run out. Pair with <see cref="EndWatch"/>.
    /// </summary>
    int BeginWatch();

    /// <summary>The receiver is back from its park.</summary>
    void EndWatch();

    /// <summary>The socket is about to wait without reading (poller, async, ZMQ_FD): give the connection back to the loop.</summary>
    void ReturnToLoop();
}
