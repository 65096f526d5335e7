using System.Runtime.InteropServices;

namespace Zinc.Reactor.Native;

/// <summary>
/// The libc calls the reactor and the stream transports make (Linux x64 values). Every call
/// returns the raw result; callers read errno with <see cref="Errno"/> right after a failure.
/// </summary>
internal static unsafe partial class LibC
{
    public const int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    public const int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, IPPROTO_IP = 0, IPPROTO_TCP = 6, IPPROTO_IPV6 = 41;
    public const int SO_REUSEADDR = 2, SO_ERROR = 4, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9;
    public const int SO_PEERCRED = 17;
    public const int SO_PRIORITY = 12, SO_BINDTODEVICE = 25, SO_BUSY_POLL = 46, SO_INCOMING_CPU = 49;
    public const int TCP_NODELAY = 1, TCP_KEEPIDLE = 4, TCP_KEEPINTVL = 5, TCP_KEEPCNT = 6, TCP_USER_TIMEOUT = 18;
    public const int IP_TOS = 1, IPV6_V6ONLY = 26, IPV6_TCLASS = 67;
    public const int MSG_PEEK = 0x2, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    public const int SHUT_RDWR = 2;
    public const int ERANGE = 34;

    public const int EINTR = 4, EAGAIN = 11, EPIPE = 32, EINVAL = 22, ECONNRESET = 104, ECONNREFUSED = 111;
    public const int ENODEV = 19, EINPROGRESS = 115, ENOENT = 2, EADDRINUSE = 98, EMFILE = 24, ENFILE = 23, ENOBUFS = 105, ENOMEM = 12;
    public const int ECONNABORTED = 103, EHOSTUNREACH = 113, ENETUNREACH = 101, ETIMEDOUT = 110, EPROTO = 71, EFAULT = 14;
    public const int SHUT_WR = 1;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    public const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010, EPOLLRDHUP = 0x2000;

    /// <summary>struct epoll_event, packed on x86_64 (12 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 12)]
    public struct EpollEvent
    {
        [FieldOffset(0)] public uint Events;
        [FieldOffset(4)] public ulong Data;
    }

    /// <summary>struct ucred, what SO_PEERCRED reads: the peer process's pid, uid and gid.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct UCred
    {
        public int Pid;
        public uint Uid;
        public uint Gid;
    }

    /// <summary>The head of struct passwd (x86_64): only the name is read, the rest is room.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    public struct Passwd
    {
        [FieldOffset(0)] public byte* Name;
    }

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", SetLastError = true)] public static partial int socket(int domain, int type, int protocol);
    [LibraryImport("libc", SetLastError = true)] public static partial int bind(int fd, byte* addr, int len);
    [LibraryImport("libc", SetLastError = true)] public static partial int listen(int fd, int backlog);
    [LibraryImport("libc", SetLastError = true)] public static partial int accept4(int fd, byte* addr, int* len, int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial int connect(int fd, byte* addr, int len);
    [LibraryImport("libc", SetLastError = true)] public static partial int getsockname(int fd, byte* addr, int* len);
    [LibraryImport("libc", SetLastError = true)] public static partial int getpeername(int fd, byte* addr, int* len);
    [LibraryImport("libc", SetLastError = true)] public static partial int setsockopt(int fd, int level, int name, void* value, int len);
    [LibraryImport("libc", SetLastError = true)] public static partial int getsockopt(int fd, int level, int name, void* value, int* len);
    [LibraryImport("libc", SetLastError = true)] public static partial nint recv(int fd, byte* buffer, nuint length, int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial nint send(int fd, byte* buffer, nuint length, int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial nint writev(int fd, IoVec* iov, int count);
    [LibraryImport("libc", SetLastError = true)] public static partial nint read(int fd, void* buffer, nuint length);
    [LibraryImport("libc", SetLastError = true)] public static partial nint write(int fd, void* buffer, nuint length);
    [LibraryImport("libc", SetLastError = true)] public static partial int close(int fd);
    [LibraryImport("libc", SetLastError = true)] public static partial int shutdown(int fd, int how);
    [LibraryImport("libc", SetLastError = true)] public static partial int eventfd(uint initval, int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial int epoll_create1(int flags);
    [LibraryImport("libc", SetLastError = true)] public static partial int epoll_ctl(int epfd, int op, int fd, EpollEvent* ev);
    [LibraryImport("libc", SetLastError = true)] public static partial int epoll_wait(int epfd, EpollEvent* events, int max, int timeout);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] public static partial int unlink(string path);
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)] public static partial uint if_nametoindex(string name);
    [LibraryImport("libc", SetLastError = true)] public static partial int sched_setaffinity(int pid, nuint size, ulong* mask);
    [LibraryImport("libc", SetLastError = true)] public static partial int sched_setscheduler(int pid, int policy, int* param);
    [LibraryImport("libc", SetLastError = true)] public static partial int setpriority(int which, int who, int prio);
    [LibraryImport("libc", SetLastError = true)] public static partial int gettid();
    [LibraryImport("libc", SetLastError = true)] public static partial int getpwuid_r(uint uid, Passwd* pwd, byte* buffer, nuint size, Passwd** result);
    [LibraryImport("libc", SetLastError = true)] public static partial int getgrouplist(byte* user, uint group, uint* groups, int* count);

    /// <summary>setsockopt with an int value; returns 0 or the errno.</summary>
    public static int SetInt(int fd, int level, int name, int value) =>
        setsockopt(fd, level, name, &value, sizeof(int)) == 0 ? 0 : Errno;

    /// <summary>getsockopt of an int value (SO_ERROR...); returns the value or -errno.</summary>
    public static int GetInt(int fd, int level, int name)
    {
        int value = 0, len = sizeof(int);
        return getsockopt(fd, level, name, &value, &len) == 0 ? value : -Errno;
    }

    /// <summary>Closes a descriptor, ignoring EINTR (Linux closes it anyway).</summary>
    public static void Close(int fd)
    {
        if (fd >= 0) close(fd);
    }
}
