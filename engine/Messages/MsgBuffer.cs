using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.ObjectPool;

namespace Zinc;

/// <summary>
/// A reference-counted payload for messages too large to live inline. Copies of a
/// <see cref="Msg"/> share one buffer (a fan-out to N peers copies no bytes); the last
/// release returns it to its pool.
/// </summary>
/// <remarks>
/// Buffers up to 64 KiB are pooled whole (shell and array) per power-of-two size class, so a
/// stream with thousands of messages in flight still allocates nothing once warm; the shared
/// ArrayPool keeps too few arrays per size for that. Larger payloads rent from ArrayPool.
/// </remarks>
internal sealed class MsgBuffer
{
    private const int MinClass = 6;   // 64 B
    private const int MaxClass = 16;  // 64 KiB

    private static readonly BufferDepot?[] Depots = CreateDepots();
    private static readonly ObjectPool<MsgBuffer> LargeShells =
        new DefaultObjectPool<MsgBuffer>(new DefaultPooledObjectPolicy<MsgBuffer>(), 256);

    // This thread's magazine per size class (see BufferDepot).
    [ThreadStatic] private static Magazine[]? t_magazines;

    private sealed class Magazine
    {
        public MsgBuffer?[] Items = new MsgBuffer?[BufferDepot.MagazineSize];
        public int Count;
    }

    private byte[] _array = System.Array.Empty<byte>();
    // On a cache line of its own: a release on another thread (an encoder dropping a slab
    // carve, a receiver closing a message) must not take away the line holding the object's
    // header and _array, which the thread filling the buffer reads for every message.
    private Pipes.PaddedLong _refs;
    private int _sizeClass = -1;

    public byte[] Array => _array;

    public int RefCount => (int)Volatile.Read(ref _refs.Value);

    private static BufferDepot?[] CreateDepots()
    {
        var depots = new BufferDepot?[MaxClass + 1];
        for (int c = MinClass; c <= MaxClass; c++)
            depots[c] = new BufferDepot(c <= 10 ? 8192 : c <= 13 ? 1024 : 128);
        return depots;
    }

    private static Magazine MagazineFor(int sizeClass)
    {
        Magazine[] magazines = t_magazines ??= CreateMagazines();
        return magazines[sizeClass];
    }

    private static Magazine[] CreateMagazines()
    {
        var magazines = new Magazine[MaxClass + 1];
        for (int c = 0; c <= MaxClass; c++) magazines[c] = new Magazine();
        return magazines;
    }

    public static MsgBuffer Rent(int size)
    {
        int sizeClass = Math.Max(MinClass, BitOperations.Log2((uint)Math.Max(size, 1) - 1) + 1);
        MsgBuffer buffer;
        if (sizeClass <= MaxClass)
        {
            buffer = TakeFromMagazine(sizeClass) ?? new MsgBuffer { _array = new byte[1 << sizeClass] };
            buffer._sizeClass = sizeClass;
        }
        else
        {
            buffer = LargeShells.Get();
            buffer._array = ArrayPool<byte>.Shared.Rent(size);
            buffer._sizeClass = -1;
        }
        Debug.Assert(buffer._refs.Value == 0);
        buffer._refs.Value = 1;
        return buffer;
    }

    private static MsgBuffer? TakeFromMagazine(int sizeClass)
    {
        Magazine magazine = MagazineFor(sizeClass);
        if (magazine.Count == 0)
        {
            MsgBuffer?[]? full = Depots[sizeClass]!.TakeFull(magazine.Items);
            if (full is null) return null;
            magazine.Items = full;
            magazine.Count = full.Length;
        }
        ref MsgBuffer? slot = ref magazine.Items[--magazine.Count];
        MsgBuffer? buffer = slot;
        slot = null;
        return buffer;
    }

    private static void ReturnToMagazine(MsgBuffer buffer)
    {
        Magazine magazine = MagazineFor(buffer._sizeClass);
        if (magazine.Count == magazine.Items.Length)
        {
            magazine.Items = Depots[buffer._sizeClass]!.GiveFull(magazine.Items);
            magazine.Count = 0;
        }
        magazine.Items[magazine.Count++] = buffer;
    }

    public void AddRef() => Interlocked.Increment(ref _refs.Value);

    /// <summary>
    /// A buffer of <paramref name="size"/> bytes (a power of two up to 64 KiB) holding
    /// <paramref name="references"/> references at once, for <see cref="MsgSlab"/>, which hands
    /// them out without touching the count and gives back the unused ones with <see cref="Release(int)"/>.
    /// </summary>
    public static MsgBuffer RentShared(int size, int references)
    {
        MsgBuffer buffer = Rent(size);
        buffer._refs.Value = references;
        return buffer;
    }

    /// <summary>Drops one reference; the last one gives the memory back.</summary>
    public void Release()
    {
        // The only reference (the common case: a message sent to one peer) is ours alone: no
        // other thread can add one without holding one, so no locked instruction is needed.
        long left = Volatile.Read(ref _refs.Value) == 1 ? (_refs.Value = 0) : Interlocked.Decrement(ref _refs.Value);
        Debug.Assert(left >= 0, "MsgBuffer released more often than referenced");
        if (left == 0) Recycle();
    }

    /// <summary>Drops <paramref name="count"/> references at once; the last one gives the memory back.</summary>
    public void Release(int count)
    {
        long left = Interlocked.Add(ref _refs.Value, -count);
        Debug.Assert(left >= 0, "MsgBuffer released more often than referenced");
        if (left == 0) Recycle();
    }

    private void Recycle()
    {
        if (_sizeClass >= 0)
        {
            ReturnToMagazine(this);
            return;
        }
        ArrayPool<byte>.Shared.Return(_array);
        _array = System.Array.Empty<byte>();
        LargeShells.Return(this);
    }
}
