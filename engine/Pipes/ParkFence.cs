namespace Zinc.Pipes;

/// <summary>
/// The reader's half of an asymmetric fence, for waits that nothing re-checks. A ring's writer
/// publishes a frame and then reads the reader's parked flag with no fence of its own (a locked
/// instruction per message would cost the stream more than everything else), so in a narrow
/// race it may miss a reader that parks at that moment. Blocking calls, pollers and async waits
/// park in bounded slices and look again, so there the miss costs one slice. ZMQ_FD has no such
/// slice: the application sleeps in its own poll(2) until the descriptor turns readable. After
/// raising its parked flags, such a reader calls <see cref="AfterArming"/>: a process-wide barrier
/// (membarrier(2), about a microsecond) makes every thread pass a full fence, so each writer
/// either has its frame visible to the reader's next look or sees the flag on its next flush.
/// </summary>
internal static class ParkFence
{
    public static void AfterArming() => Interlocked.MemoryBarrierProcessWide();
}
