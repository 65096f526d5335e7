using System.Runtime.InteropServices;
using Zinc.Reactor.Native;
using static Zinc.Reactor.Uring.UringNative;

namespace Zinc.Reactor.Uring;

/// <summary>
/// One io_uring instance set up by liburing, with the submission and completion rings read and
/// written directly through the pointers liburing keeps in its struct io_uring. SQEs are
/// written here (liburing's prep helpers are inline, not exported); submitting and waiting go
/// through liburing. Only the thread that owns the ring may use it.
/// </summary>
internal sealed unsafe class UringRing : IDisposable
{
    // struct io_uring as laid out by liburing 2.3 on x86_64 (checked with offsetof against
    // /usr/include/liburing.h): sq at 0 (104 bytes), cq at 104 (88 bytes), then flags, ring_fd.
    private const int StructSize = 216;
    private const int SqKHead = 0, SqKTail = 8, SqKFlags = 32, SqArray = 48, SqSqes = 56;
    private const int SqSqeHead = 64, SqSqeTail = 68, SqRingMask = 88, SqRingEntries = 92;
    private const int CqKHead = 104, CqKTail = 112, CqCqes = 152, CqRingMask = 176;
    private const int RingFd = 196;

    private readonly byte* _ring;
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _sqFlags;
    private readonly uint* _sqArray;
    private readonly byte* _sqes;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly Cqe* _cqes;
    private readonly uint _cqMask;
    private uint _tail; // our copy of the SQ tail: only this thread moves it
    private bool _disposed;

    private UringRing(byte* ring, uint flags, uint features)
    {
        _ring = ring;
        Flags = flags;
        Features = features;
        _sqHead = *(uint**)(ring + SqKHead);
        _sqTail = *(uint**)(ring + SqKTail);
        _sqFlags = *(uint**)(ring + SqKFlags);
        _sqArray = *(uint**)(ring + SqArray);
        _sqes = *(byte**)(ring + SqSqes);
        _sqMask = *(uint*)(ring + SqRingMask);
        _sqEntries = *(uint*)(ring + SqRingEntries);
        _cqHead = *(uint**)(ring + CqKHead);
        _cqTail = *(uint**)(ring + CqKTail);
        _cqes = *(Cqe**)(ring + CqCqes);
        _cqMask = *(uint*)(ring + CqRingMask);
        _tail = *_sqTail;
    }

    /// <summary>The IORING_SETUP_* flags the kernel accepted.</summary>
    public uint Flags { get; }

    /// <summary>The IORING_FEAT_* bits the kernel reported.</summary>
    public uint Features { get; }

    /// <summary>liburing's struct io_uring, for the library calls.</summary>
    public void* Handle => _ring;

    public int Fd => *(int*)(_ring + RingFd);

    /// <summary>Sets up a ring; returns 0 and the ring, or -errno.</summary>
    public static int Create(uint entries, uint cqEntries, uint flags, out UringRing? ring)
    {
        ring = null;
        byte* memory = (byte*)NativeMemory.AllocZeroed(StructSize);
        Params p = default;
        p.Flags = flags | (cqEntries != 0 ? SETUP_CQSIZE : 0);
        p.CqEntries = cqEntries;
        int rc = io_uring_queue_init_params(entries, memory, &p);
        if (rc < 0)
        {
            NativeMemory.Free(memory);
            return rc;
        }
        ring = new UringRing(memory, p.Flags, p.Features);
        return 0;
    }

    /// <summary>SQEs written but not yet consumed by the kernel.</summary>
    public uint Unsubmitted => _tail - Volatile.Read(ref *_sqHead);

    /// <summary>
    /// The kernel has work queued for this thread (IORING_SQ_TASKRUN, with TASKRUN_FLAG) or has
    /// completions waiting in its overflow list: a GETEVENTS enter would produce CQEs.
    /// </summary>
    public bool KernelHasEvents => (Volatile.Read(ref *_sqFlags) & (SQ_TASKRUN | SQ_CQ_OVERFLOW)) != 0;

    /// <summary>
    /// The next free SQE, zeroed (the kernel rejects unknown bits in unused fields). When the SQ
    /// is full the pending ones are submitted first. Fill it, then call <see cref="Publish"/>.
    /// </summary>
    public Sqe* NextSqe()
    {
        // The kernel advances the head (store-release) once it has copied an SQE; the acquire
        // read means the slot we are about to overwrite is really free.
        while (_tail - Volatile.Read(ref *_sqHead) >= _sqEntries)
        {
            // Never fall through while full: the slot below would still hold an unsubmitted SQE.
            int rc = io_uring_submit(_ring);
            if (rc >= 0 || rc == -LibC.EINTR) continue;
            if (rc == -EBUSY || rc == -LibC.EAGAIN)
            {
                io_uring_get_events(_ring); // let the kernel flush completions it is holding back
                continue;
            }
            throw new InvalidOperationException($"io_uring_submit failed, errno {-rc}");
        }
        uint index = _tail & _sqMask;
        Sqe* sqe = (Sqe*)(_sqes + index * 64);
        NativeMemory.Clear(sqe, 64);
        _sqArray[index] = index;
        return sqe;
    }

    /// <summary>Makes the SQE returned by the last <see cref="NextSqe"/> visible to the kernel.</summary>
    public void Publish()
    {
        _tail++;
        // Store-release: the SQE's contents must be visible before the tail that covers them.
        Volatile.Write(ref *_sqTail, _tail);
        // liburing flushes sqe_tail into the kernel tail on submit; keeping its two local
        // indexes equal to ours makes that flush a no-op that only counts what is pending.
        *(uint*)(_ring + SqSqeHead) = _tail;
        *(uint*)(_ring + SqSqeTail) = _tail;
    }

    /// <summary>Takes the next completion off the CQ ring, if one is there.</summary>
    public bool TryTakeCompletion(out Cqe cqe)
    {
        uint head = *_cqHead;
        // Load-acquire: the kernel writes the CQE, then store-releases the tail; reading the
        // tail with acquire semantics makes the CQE contents below safe to read.
        if (head == Volatile.Read(ref *_cqTail))
        {
            cqe = default;
            return false;
        }
        cqe = _cqes[head & _cqMask];
        // Store-release: our read of the slot happens before the kernel may reuse it.
        Volatile.Write(ref *_cqHead, head + 1);
        return true;
    }

    public bool HasCompletions => *_cqHead != Volatile.Read(ref *_cqTail);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        io_uring_queue_exit(_ring);
        NativeMemory.Free(_ring);
    }
}

/// <summary>struct io_uring_sqe (64 bytes); only the fields the loop sets.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct Sqe
{
    [FieldOffset(0)] public byte Opcode;
    [FieldOffset(1)] public byte Flags;
    [FieldOffset(2)] public ushort IoPrio;
    [FieldOffset(4)] public int Fd;
    [FieldOffset(8)] public ulong Offset;
    [FieldOffset(16)] public ulong Addr;
    [FieldOffset(24)] public uint Len;
    /// <summary>msg_flags, accept_flags, poll32_events, cancel_flags: one union.</summary>
    [FieldOffset(28)] public uint OpFlags;
    [FieldOffset(32)] public ulong UserData;
    [FieldOffset(40)] public ushort BufGroup;
}

/// <summary>struct io_uring_cqe (16 bytes; the ring is not set up with CQE32).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Cqe
{
    public ulong UserData;
    public int Res;
    public uint Flags;
}
