using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.ObjectPool;

namespace Zinc;

/// <summary>
/// A reference-counted payload for messages too large to live inline. Copies of a
/// <see cref="Msg"/> share one buffer (a fan-out to N peers copies no bytes); the last
/// release returns the array to <see cref="ArrayPool{T}.Shared"/> and this shell to its pool.
/// </summary>
internal sealed class MsgBuffer
{
    private static readonly ObjectPool<MsgBuffer> Shells =
        new DefaultObjectPool<MsgBuffer>(new DefaultPooledObjectPolicy<MsgBuffer>(), 4096);

    private byte[] _array = System.Array.Empty<byte>();
    private int _refCount;

    public byte[] Array => _array;

    public int RefCount => Volatile.Read(ref _refCount);

    public static MsgBuffer Rent(int size)
    {
        MsgBuffer buffer = Shells.Get();
        Debug.Assert(buffer._refCount == 0);
        buffer._array = ArrayPool<byte>.Shared.Rent(size);
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
        ArrayPool<byte>.Shared.Return(_array);
        _array = System.Array.Empty<byte>();
        Shells.Return(this);
    }
}
