namespace Zinc;

/// <summary>
/// Small payloads (33 to <see cref="MaxCarve"/> bytes: too big for a <see cref="Msg"/>'s inline
/// bytes) carved one after another out of a 16 KiB pooled buffer per thread, instead of a
/// pooled buffer each. A stream of such messages then writes and reads memory in order (the
/// prefetcher's best case) rather than touching a separate buffer object and array per message,
/// which had gone cold by the time the ring came back round to it.
/// </summary>
/// <remarks>
/// The slab is one <see cref="MsgBuffer"/> rented with <see cref="Reserve"/> references: each
/// carved message takes one without touching the count (so carving costs no locked
/// instruction), each release drops one (on any thread), and retiring the slab gives back the
/// ones never handed out; the last release recycles it. A message kept for a long time keeps
/// its whole slab alive, as libzmq's messages keep their receive buffer.
/// </remarks>
internal static class MsgSlab
{
    /// <summary>The largest payload carved from a slab; larger ones get a buffer of their own.</summary>
    public const int MaxCarve = 256;

    private const int SlabSize = 16 * 1024;
    // More than a slab can hand out (16 KiB in 8-byte steps is 2048).
    private const int Reserve = 1 << 20;

    // One thread-static object, so a carve costs one thread-local lookup.
    private sealed class Current
    {
        public MsgBuffer? Slab;
        public int Used;
        public int Carved;
    }

    [ThreadStatic] private static Current? t_current;

    /// <summary>A reference to <paramref name="size"/> bytes at <paramref name="offset"/> in this thread's slab.</summary>
    public static MsgBuffer Carve(int size, out int offset)
    {
        int aligned = (size + 7) & ~7;
        Current current = t_current ??= new Current();
        MsgBuffer? slab = current.Slab;
        if (slab is null || current.Used + aligned > SlabSize)
        {
            slab?.Release(Reserve - current.Carved);
            slab = current.Slab = MsgBuffer.RentShared(SlabSize, Reserve);
            current.Used = 0;
            current.Carved = 0;
        }
        offset = current.Used;
        current.Used += aligned;
        current.Carved++;
        return slab;
    }
}
