using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>
/// The void* a C caller holds for a context or socket: a small native block with a tag and a
/// GCHandle. The GC moves objects, so a raw managed address could never be handed out; the
/// block never moves, and its tag lets a wrong or closed pointer fail with ENOTSOCK/EFAULT as in
/// libzmq instead of crashing. Closed blocks are kept (16 bytes each) with a dead tag, so a
/// use after close is reported rather than reading freed memory.
/// </summary>
internal static unsafe class Handles
{
    public const uint ContextTag = 0xabadcafe, SocketTag = 0xbaddecaf, PollerTag = 0xcafe0001, ThreadTag = 0xcafe0002,
        TimersTag = 0xcafe0003, DeadTag = 0xdeadbeef;

    [StructLayout(LayoutKind.Sequential)]
    private struct Block
    {
        public uint Tag;
        public nint Gc;
    }

    public static nint Create(object target, uint tag)
    {
        var block = (Block*)NativeMemory.Alloc((nuint)sizeof(Block));
        block->Gc = GCHandle.ToIntPtr(GCHandle.Alloc(target));
        block->Tag = tag;
        return (nint)block;
    }

    /// <summary>The object behind <paramref name="pointer"/> if it is a live block of <paramref name="tag"/>.</summary>
    public static T? Get<T>(nint pointer, uint tag) where T : class
    {
        if (pointer == 0) return null;
        var block = (Block*)pointer;
        if (block->Tag != tag) return null;
        return GCHandle.FromIntPtr(block->Gc).Target as T;
    }

    /// <summary>Marks the block dead and releases the object.</summary>
    public static void Release(nint pointer)
    {
        var block = (Block*)pointer;
        block->Tag = DeadTag;
        GCHandle.FromIntPtr(block->Gc).Free();
        block->Gc = 0;
    }
}
