using System.Text;
using Zinc.Reactor.Native;

namespace Zinc.Transports.Stream;

/// <summary>
/// Applies the socket options that map to setsockopt(2): buffer sizes, TOS, keepalive,
/// TCP_MAXRT (TCP_USER_TIMEOUT), BINDTODEVICE, BUSY_POLL, and TCP_NODELAY as libzmq sets it.
/// Settings the kernel refuses are skipped, as libzmq does for most of them.
/// </summary>
internal static class SocketTuning
{
    /// <summary>Before bind/connect: what must be set on a fresh socket.</summary>
    public static unsafe void BeforeBindOrConnect(int fd, SocketOptions options, int family, bool listener)
    {
        ApplyBuffers(fd, options);
        if (family == LibC.AF_UNIX) return;
        if (listener) LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1);
        if (family == LibC.AF_INET6) LibC.SetInt(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 0);
        string? device = options.BindToDevice;
        if (!string.IsNullOrEmpty(device))
        {
            byte[] name = Encoding.ASCII.GetBytes(device + "\0");
            fixed (byte* p = name)
            {
                if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_BINDTODEVICE, p, name.Length) != 0)
                    throw new ZmqException(ZmqError.ENODEV, $"SO_BINDTODEVICE {device} refused, errno {LibC.Errno}");
            }
        }
        if (options.Tos > 0)
        {
            LibC.SetInt(fd, family == LibC.AF_INET6 ? LibC.IPPROTO_IPV6 : LibC.IPPROTO_IP,
                family == LibC.AF_INET6 ? LibC.IPV6_TCLASS : LibC.IP_TOS, options.Tos);
        }
    }

    /// <summary>
    /// On a connected (accepted or connecting) stream socket. Buffer sizes and TOS are not set
    /// twice: a connecting socket got them before connect(2), and an accepted tcp socket inherits
    /// its listener's (an accepted unix socket does not inherit buffer sizes: checked on Linux 6.18).
    /// </summary>
    public static void ForConnection(int fd, SocketOptions options, int family, bool accepted)
    {
        if (family == LibC.AF_UNIX)
        {
            if (accepted) ApplyBuffers(fd, options);
            return;
        }
        LibC.SetInt(fd, LibC.IPPROTO_TCP, LibC.TCP_NODELAY, 1);
        if (options.TcpKeepalive != -1)
        {
            LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_KEEPALIVE, options.TcpKeepalive);
            if (options.TcpKeepalive == 1)
            {
                if (options.TcpKeepaliveCnt != -1) LibC.SetInt(fd, LibC.IPPROTO_TCP, LibC.TCP_KEEPCNT, options.TcpKeepaliveCnt);
                if (options.TcpKeepaliveIdle != -1) LibC.SetInt(fd, LibC.IPPROTO_TCP, LibC.TCP_KEEPIDLE, options.TcpKeepaliveIdle);
                if (options.TcpKeepaliveIntvl != -1) LibC.SetInt(fd, LibC.IPPROTO_TCP, LibC.TCP_KEEPINTVL, options.TcpKeepaliveIntvl);
            }
        }
        if (options.TcpMaxRt > 0) LibC.SetInt(fd, LibC.IPPROTO_TCP, LibC.TCP_USER_TIMEOUT, options.TcpMaxRt);
        if (options.BusyPoll) LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_BUSY_POLL, 50);
    }

    private static void ApplyBuffers(int fd, SocketOptions options)
    {
        if (options.SndBuf >= 0) LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, options.SndBuf);
        if (options.RcvBuf >= 0) LibC.SetInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, options.RcvBuf);
    }
}
