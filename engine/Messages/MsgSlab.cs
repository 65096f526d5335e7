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

    [ThreadStatic] private static MsgBuffer? t_slab;
    [ThreadStatic] private static int t_used;
    [ThreadStatic] private static int t_carved;

    /// <summary>A reference to <paramref name="size"/> bytes at <paramref name="offset"/> in this thread's slab.</summary>
    public static MsgBuffer Carve(int size, out int offset)
    {
        int aligned = (size + 7) & ~7;
        MsgBuffer? slab = t_slab;
        int used = t_used;
        if (slab is null || used + aligned > SlabSize)
        {
            if (slab is not null) slab.Release(Reserve - t_carved);
            slab = t_slab = MsgBuffer.RentShared(SlabSize, Reserve);
            used = 0;
            t_carved = 0;
        }
        offset = used;
        t_used = used + aligned;
        t_carved++;
        return slab;
    }
}
