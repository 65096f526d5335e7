using System.Runtime.InteropServices;

namespace Zinc.Reactor.Uring;

/// <summary>
/// The part of liburing 2.3 (liburing.so.2) the io_uring loop calls, and the kernel ABI
/// constants it needs. liburing's prep helpers are header-only inlines, so SQEs are written
/// directly (see <see cref="UringRing"/>); only the ring setup, submit/wait and register calls
/// come from the library. Every function returns 0 or a result on success and -errno on failure.
/// </summary>
internal static unsafe partial class UringNative
{
    public const string Library = "liburing.so.2";

    // io_uring_setup(2) flags
    public const uint SETUP_CQSIZE = 1u << 3;
    public const uint SETUP_R_DISABLED = 1u << 6;
    public const uint SETUP_SUBMIT_ALL = 1u << 7;
    public const uint SETUP_COOP_TASKRUN = 1u << 8;
    public const uint SETUP_TASKRUN_FLAG = 1u << 9;
    public const uint SETUP_SINGLE_ISSUER = 1u << 12;
    public const uint SETUP_DEFER_TASKRUN = 1u << 13;

    // opcodes (enum io_uring_op)
    public const byte OP_POLL_ADD = 6;
    public const byte OP_ACCEPT = 13;
    public const byte OP_ASYNC_CANCEL = 14;
    public const byte OP_READ = 22;
    public const byte OP_RECV = 27;
    /// <summary>Added in 6.0, the release that also brought multishot recv: used as the probe's marker for it.</summary>
    public const byte OP_SEND_ZC = 47;

    public const byte IOSQE_BUFFER_SELECT = 1 << 5;
    public const ushort RECV_MULTISHOT = 1 << 1;
    public const ushort ACCEPT_MULTISHOT = 1 << 0;

    public const uint CQE_F_BUFFER = 1u << 0;
    public const uint CQE_F_MORE = 1u << 1;
    public const int CQE_BUFFER_SHIFT = 16;

    // sq ring flags (*sq.kflags)
    public const uint SQ_CQ_OVERFLOW = 1u << 1;
    public const uint SQ_TASKRUN = 1u << 2;

    public const uint REGISTER_ENABLE_RINGS = 12;
    public const ushort PROBE_OP_SUPPORTED = 1;

    public const uint POLLOUT = 0x004;
    public const int ECANCELED = 125, ETIME = 62, ENOBUFS = 105, EBUSY = 16;

    /// <summary>struct io_uring_params (120 bytes); the kernel fills in the offsets and features.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 120)]
    public struct Params
    {
        [FieldOffset(0)] public uint SqEntries;
        [FieldOffset(4)] public uint CqEntries;
        [FieldOffset(8)] public uint Flags;
        [FieldOffset(20)] public uint Features;
    }

    /// <summary>struct io_uring_buf_reg: registers a provided-buffer ring (IORING_REGISTER_PBUF_RING).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 40)]
    public struct BufReg
    {
        [FieldOffset(0)] public ulong RingAddr;
        [FieldOffset(8)] public uint RingEntries;
        [FieldOffset(12)] public ushort GroupId;
    }

    /// <summary>struct __kernel_timespec.</summary>
    public struct KernelTimespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Library)] public static partial int io_uring_queue_init_params(uint entries, void* ring, Params* p);
    [LibraryImport(Library)] public static partial void io_uring_queue_exit(void* ring);
    [LibraryImport(Library)] public static partial int io_uring_submit(void* ring);
    [LibraryImport(Library)] public static partial int io_uring_submit_and_get_events(void* ring);
    [LibraryImport(Library)] public static partial int io_uring_get_events(void* ring);
    [LibraryImport(Library)] public static partial int io_uring_submit_and_wait(void* ring, uint waitNr);
    [LibraryImport(Library)] public static partial int io_uring_submit_and_wait_timeout(void* ring, void** cqe, uint waitNr, KernelTimespec* ts, void* sigmask);
    [LibraryImport(Library)] public static partial int io_uring_register_buf_ring(void* ring, BufReg* reg, uint flags);
    [LibraryImport(Library)] public static partial int io_uring_unregister_buf_ring(void* ring, int groupId);
    [LibraryImport(Library)] public static partial int io_uring_register(uint fd, uint opcode, void* arg, uint count);
    [LibraryImport(Library)] public static partial byte* io_uring_get_probe_ring(void* ring);
    [LibraryImport(Library)] public static partial void io_uring_free_probe(byte* probe);

    /// <summary>Whether a probe (struct io_uring_probe: 16-byte header, then 8-byte io_uring_probe_op entries) lists <paramref name="op"/>.</summary>
    public static bool OpSupported(byte* probe, byte op)
    {
        byte lastOp = probe[0];
        if (op > lastOp) return false;
        ushort flags = *(ushort*)(probe + 16 + op * 8 + 2);
        return (flags & PROBE_OP_SUPPORTED) != 0;
    }
}
