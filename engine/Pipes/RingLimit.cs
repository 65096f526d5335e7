namespace Zinc.Pipes;

/// <summary>
/// Who sets a ring's high-water mark. libzmq's credit on an inproc link is the writer's SNDHWM
/// plus the reader's RCVHWM (either 0 means unlimited); a link to a network session counts only
/// the socket's side (SNDHWM outbound, RCVHWM inbound); an inproc connect before the bind counts
/// only the connector's until the binder adopts the link. A share of <see cref="NotCounted"/> has
/// no say. Both ends may change their share later (ZMQ_SNDHWM and ZMQ_RCVHWM apply to existing
/// links): see <c>MsgRing.SetWriterShare</c> and <c>SetReaderShare</c>.
/// </summary>
internal readonly record struct RingLimit(int WriterShare, int ReaderShare)
{
    public const int NotCounted = -1;

    /// <summary>Only the writer's share counts (a fixed limit, or a socket's SNDHWM toward a session).</summary>
    public static RingLimit Writer(int hwm) => new(hwm, NotCounted);

    /// <summary>Only the reader's share counts (a socket's RCVHWM for what a session delivers).</summary>
    public static RingLimit Reader(int hwm) => new(NotCounted, hwm);

    /// <summary>Messages in flight before the writer is refused; 0 means unlimited.</summary>
    public int Effective
    {
        get
        {
            bool writer = WriterShare != NotCounted, reader = ReaderShare != NotCounted;
            if (!writer && !reader) return 0;
            if (!reader) return WriterShare;
            if (!writer) return ReaderShare;
            if (WriterShare == 0 || ReaderShare == 0) return 0;
            long sum = (long)WriterShare + ReaderShare;
            return sum > int.MaxValue ? 0 : (int)sum;
        }
    }
}
