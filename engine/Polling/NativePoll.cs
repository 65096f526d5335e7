using System.Runtime.InteropServices;

namespace Zinc.Polling;

/// <summary>
/// The few libc calls the pollers need (Linux x64): poll(2) over plain file descriptors and the
/// eventfd(2) that lets another thread interrupt it. Callers use <see cref="Poll"/> and
/// <see cref="EventFd"/>; the raw imports stay private to this assembly.
/// </summary>
internal static partial class NativePoll
{
    /// <summary>poll(2) event bits (Linux values).</summary>
    public const short PollIn = 0x001;
    public const short PollPri = 0x002;
    public const short PollOut = 0x004;
    public const short PollErr = 0x008;
    public const short PollHup = 0x010;
    public const short PollNval = 0x020;

    private const int EINTR = 4;

    /// <summary>struct pollfd: a negative <see cref="Fd"/> is ignored by the kernel (revents 0).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    /// <summary>
    /// poll(2) over <paramref name="fds"/>; returns how many have events, 0 on timeout. A signal
    /// interrupting the call (the runtime uses signals to suspend threads) is reported as 0 with
    /// every revents cleared: callers loop and recompute their remaining time anyway.
    /// </summary>
    public static int Poll(Span<PollFd> fds, int timeoutMs) => Math.Max(PollOrInterrupt(fds, timeoutMs), 0);

    /// <summary>
    /// poll(2) for callers that must report a signal (the C ABI's blocking calls, where libzmq
    /// returns EINTR): -1 when a signal handler interrupted the wait (revents cleared), otherwise
    /// as <see cref="Poll"/>. With no descriptors it is an interruptible sleep.
    /// </summary>
    public static unsafe int PollOrInterrupt(Span<PollFd> fds, int timeoutMs)
    {
        fixed (PollFd* p = fds)
        {
            int rc = poll(p, (nuint)fds.Length, timeoutMs);
            if (rc >= 0) return rc;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw new ZmqException(ToZmqError(errno), $"poll(2) failed, errno {errno}");
            for (int i = 0; i < fds.Length; i++) fds[i].REvents = 0;
            return -1;
        }
    }

    /// <summary>Translates poll(2) revents into the ZMQ_POLL* bits: anything beyond IN/OUT/PRI (ERR, HUP, NVAL) is POLLERR.</summary>
    public static PollEvents ToPollEvents(short revents)
    {
        PollEvents events = PollEvents.None;
        if ((revents & PollIn) != 0) events |= PollEvents.PollIn;
        if ((revents & PollOut) != 0) events |= PollEvents.PollOut;
        if ((revents & PollPri) != 0) events |= PollEvents.PollPri;
        if ((revents & ~(PollIn | PollOut | PollPri)) != 0) events |= PollEvents.PollErr;
        return events;
    }

    /// <summary>Translates the ZMQ_POLL* bits asked for into poll(2) events (POLLERR is always reported by the kernel).</summary>
    public static short FromPollEvents(PollEvents events)
    {
        short bits = 0;
        if ((events & PollEvents.PollIn) != 0) bits |= PollIn;
        if ((events & PollEvents.PollOut) != 0) bits |= PollOut;
        if ((events & PollEvents.PollPri) != 0) bits |= PollPri;
        return bits;
    }

    /// <summary>Creates a non-blocking, close-on-exec eventfd; throws on failure (EMFILE...).</summary>
    public static int CreateEventFd()
    {
        const int EFD_NONBLOCK = 0x800;
        const int EFD_CLOEXEC = 0x80000;
        int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new ZmqException(ToZmqError(errno), $"eventfd(2) failed, errno {errno}");
        }
        return fd;
    }

    /// <summary>Adds one to an eventfd counter; a full counter (EAGAIN) already means "readable".</summary>
    public static unsafe void AddOne(FdHandle fd)
    {
        ulong one = 1;
        while (write(fd, &one, sizeof(ulong)) < 0 && Marshal.GetLastPInvokeError() == EINTR) { }
    }

    /// <summary>Resets an eventfd counter to zero (a non-blocking read; EAGAIN means it already was).</summary>
    public static unsafe void Clear(FdHandle fd)
    {
        ulong value;
        while (read(fd, &value, sizeof(ulong)) < 0 && Marshal.GetLastPInvokeError() == EINTR) { }
    }

    /// <summary>
    /// Owns a file descriptor. A SafeHandle because another thread may be writing to it (a
    /// waker) while the owner disposes it: the handle's reference count defers close(2) until
    /// that write returns, so a recycled descriptor number is never written to.
    /// </summary>
    public sealed class FdHandle : SafeHandle
    {
        /// <summary>An invalid handle (required by the marshaller).</summary>
        public FdHandle()
            : base(new IntPtr(-1), ownsHandle: true)
        {
        }

        /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
        public FdHandle(int fd)
            : base(new IntPtr(-1), ownsHandle: true)
        {
            SetHandle(new IntPtr(fd));
        }

        /// <summary>The descriptor number (valid while the handle is open).</summary>
        public int Fd => (int)handle;

        /// <inheritdoc/>
        public override bool IsInvalid => handle.ToInt64() < 0;

        /// <inheritdoc/>
        protected override bool ReleaseHandle() => close((int)handle) == 0;
    }

    internal static ZmqError ToZmqError(int errno) =>
        Enum.IsDefined(typeof(ZmqError), errno) ? (ZmqError)errno : ZmqError.EINVAL;

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint read(FdHandle fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial nint write(FdHandle fd, void* buf, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
