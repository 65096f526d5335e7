namespace Zinc;

/// <summary>The zmq_poll form of polling: a one-shot wait over an array of items.</summary>
public static class ZmqPoll
{
    // One poller per thread, refilled on each call, so a poll that finds something without
    // parking allocates nothing. It registers with the sockets only while it parks and keeps
    // no socket between calls (see Poller.Unload).
    [ThreadStatic]
    private static Poller? t_poller;

    /// <summary>
    /// Waits until at least one item has a requested event (zmq_poll) and sets every item's
    /// <see cref="PollItem.ReturnedEvents"/>; returns how many items have events, 0 when
    /// <paramref name="timeoutMs"/> passed first (-1 waits forever, 0 only checks). Throws
    /// <see cref="ZmqException"/>: ETERM when a polled socket's context was shut down, ENOTSOCK
    /// for a closed socket, EFAULT for no items and an infinite timeout (it could never return).
    /// Unlike <see cref="Poller"/>, the same socket may appear in several items.
    /// </summary>
    public static int Poll(Span<PollItem> items, int timeoutMs) => Poll(items, timeoutMs, interruptible: false);

    /// <summary>
    /// <see cref="Poll(Span{PollItem}, int)"/>; <paramref name="interruptible"/> (the C ABI) makes
    /// a signal handler running on this thread end the wait with EINTR, as libzmq does.
    /// </summary>
    internal static int Poll(Span<PollItem> items, int timeoutMs, bool interruptible)
    {
        for (int i = 0; i < items.Length; i++) items[i].ReturnedEvents = PollEvents.None;
        Poller poller = t_poller ??= new Poller(transient: true);
        poller.Load(items);
        poller.Interruptible = interruptible;
        try
        {
            ZmqError error = poller.WaitCore(timeoutMs);
            if (error == ZmqError.EAGAIN) return 0;
            ZmqException.ThrowIf(error);
            int ready = 0;
            for (int i = 0; i < items.Length; i++)
            {
                PollEvents found = poller.ReturnedAt(i);
                items[i].ReturnedEvents = found;
                if (found != PollEvents.None) ready++;
            }
            return ready;
        }
        finally
        {
            poller.Unload();
        }
    }
}
