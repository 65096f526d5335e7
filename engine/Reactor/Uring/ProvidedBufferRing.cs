using System.Runtime.InteropServices;
using static Zinc.Reactor.Uring.UringNative;

namespace Zinc.Reactor.Uring;

/// <summary>
/// A provided-buffer ring (IORING_REGISTER_PBUF_RING): a fixed set of receive buffers the
/// kernel picks from for multishot recv. Each completion names the buffer it filled; the loop
/// hands the bytes to the handler and gives the buffer straight back with <see cref="Recycle"/>.
/// All memory is native and allocated once, so receiving allocates nothing.
/// </summary>
internal sealed unsafe class ProvidedBufferRing : IDisposable
{
    public const ushort GroupId = 0;
    private const int PageSize = 4096;
    private const int EntrySize = 16; // struct io_uring_buf { u64 addr; u32 len; u16 bid; u16 resv; }
    // The ring's tail overlays bufs[0].resv (struct io_uring_buf_ring), at byte 14.
    private const int TailOffset = 14;

    private readonly byte* _entries;
    private readonly byte* _buffers;
    private readonly int _count;
    private readonly ushort _mask;
    private ushort _tail;
    private bool _registered;

    /// <param name="count">Number of buffers, a power of two up to 32768.</param>
    /// <param name="bufferSize">Bytes per buffer.</param>
    public ProvidedBufferRing(int count, int bufferSize)
    {
        if (count <= 0 || count > 32768 || (count & (count - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(count));
        _count = count;
        _mask = (ushort)(count - 1);
        BufferSize = bufferSize;
        // The kernel maps the ring's pages, so the ring starts on a page boundary.
        nuint ringBytes = (nuint)(((count * EntrySize) + PageSize - 1) / PageSize * PageSize);
        _entries = (byte*)NativeMemory.AlignedAlloc(ringBytes, PageSize);
        NativeMemory.Clear(_entries, ringBytes);
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)count * (nuint)bufferSize, 64);
    }

    public int BufferSize { get; }

    /// <summary>Registers the ring with <paramref name="ring"/> and provides every buffer. Returns 0 or -errno.</summary>
    public int Register(UringRing ring)
    {
        BufReg reg = default;
        reg.RingAddr = (ulong)_entries;
        reg.RingEntries = (uint)_count;
        reg.GroupId = GroupId;
        int rc = io_uring_register_buf_ring(ring.Handle, &reg, 0);
        if (rc < 0) return rc;
        _registered = true;
        for (int i = 0; i < _count; i++) Write((ushort)i);
        PublishTail();
        return 0;
    }

    /// <summary>Unregisters before the buffers are freed, so the kernel stops picking them.</summary>
    public void Unregister(UringRing ring)
    {
        if (!_registered) return;
        _registered = false;
        io_uring_unregister_buf_ring(ring.Handle, GroupId);
    }

    /// <summary>The bytes the kernel put in buffer <paramref name="bufferId"/>; valid until it is recycled.</summary>
    public ReadOnlySpan<byte> Get(ushort bufferId, int length) =>
        new(_buffers + (nint)bufferId * BufferSize, Math.Min(length, BufferSize));

    /// <summary>Gives a buffer back to the kernel.</summary>
    public void Recycle(ushort bufferId)
    {
        if (bufferId >= _count) return;
        Write(bufferId);
        PublishTail();
    }

    private void Write(ushort bufferId)
    {
        byte* entry = _entries + (_tail & _mask) * EntrySize;
        // Field by field: entry 0's last two bytes are the ring tail, which must not be touched here.
        *(ulong*)entry = (ulong)(_buffers + (nint)bufferId * BufferSize);
        *(uint*)(entry + 8) = (uint)BufferSize;
        *(ushort*)(entry + 12) = bufferId;
        _tail++;
    }

    // Store-release: the kernel reads the tail, then the entries below it; the entries must be
    // visible first.
    private void PublishTail() => Volatile.Write(ref *(ushort*)(_entries + TailOffset), _tail);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_entries);
        NativeMemory.AlignedFree(_buffers);
    }
}
