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

    private static readonly ObjectPool<MsgBuffer>[] Pools = CreatePools();
    private static readonly ObjectPool<MsgBuffer> LargeShells =
        new DefaultObjectPool<MsgBuffer>(new DefaultPooledObjectPolicy<MsgBuffer>(), 256);

    private byte[] _array = System.Array.Empty<byte>();
    private int _refCount;
    private int _sizeClass = -1;

    public byte[] Array => _array;

    public int RefCount => Volatile.Read(ref _refCount);

    private static ObjectPool<MsgBuffer>[] CreatePools()
    {
        var pools = new ObjectPool<MsgBuffer>[MaxClass + 1];
        for (int c = MinClass; c <= MaxClass; c++)
        {
            int retained = c <= 10 ? 8192 : c <= 13 ? 1024 : 128;
            pools[c] = new DefaultObjectPool<MsgBuffer>(new DefaultPooledObjectPolicy<MsgBuffer>(), retained);
        }
        return pools;
    }

    public static MsgBuffer Rent(int size)
    {
        int sizeClass = Math.Max(MinClass, BitOperations.Log2((uint)Math.Max(size, 1) - 1) + 1);
        MsgBuffer buffer;
        if (sizeClass <= MaxClass)
        {
            buffer = Pools[sizeClass].Get();
            if (buffer._array.Length < (1 << sizeClass)) buffer._array = new byte[1 << sizeClass];
            buffer._sizeClass = sizeClass;
        }
        else
        {
            buffer = LargeShells.Get();
            buffer._array = ArrayPool<byte>.Shared.Rent(size);
            buffer._sizeClass = -1;
        }
        Debug.Assert(buffer._refCount == 0);
        buffer._refCount = 1;
        return buffer;
    }

    public void AddRef() => Interlocked.Increment(ref _refCount);

    /// <summary>Drops one reference; the last one gives the memory back.</summary>
    public void Release()
    {
        int left = Interlocked.Decrement(ref _refCount);
        Debug.Assert(left >= 0, "MsgBuffer released more often than referenced");
        if (left != 0) return;
        if (_sizeClass >= 0)
        {
            Pools[_sizeClass].Return(this);
            return;
        }
        ArrayPool<byte>.Shared.Return(_array);
        _array = System.Array.Empty<byte>();
        LargeShells.Return(this);
    }
}
