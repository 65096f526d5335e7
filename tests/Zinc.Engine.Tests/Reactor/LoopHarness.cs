using System.Runtime.InteropServices;
using Zinc.Reactor;
using Zinc.Reactor.Native;
using Zinc.Reactor.Uring;

namespace Zinc.Tests.Reactor;

/// <summary>Native calls only the reactor tests need (socketpair, fcntl).</summary>
internal static unsafe partial class TestNative
{
    public const int F_GETFL = 3, F_SETFL = 4, O_NONBLOCK = 0x800;
    public const int SO_RCVTIMEO = 20, SO_SNDTIMEO = 21;

    [LibraryImport("libc", SetLastError = true)] public static partial int socketpair(int domain, int type, int protocol, int* fds);
    [LibraryImport("libc", SetLastError = true)] public static partial int fcntl(int fd, int cmd, int arg);

    /// <summary>A connected AF_UNIX stream pair: <c>loopSide</c> non-blocking (for the loop), <c>peer</c> blocking with 5 s send/receive timeouts.</summary>
    public static (int LoopSide, int Peer) SocketPair()
    {
        int* fds = stackalloc int[2];
        int rc = socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0, fds);
        Assert.True(rc == 0, $"socketpair failed, errno {LibC.Errno}");
        fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL, 0) & ~O_NONBLOCK);
        SetTimeouts(fds[1]);
        return (fds[0], fds[1]);
    }

    public static void SetTimeouts(int fd)
    {
        long* tv = stackalloc long[2] { TestSupport.TimeoutMs / 1000, 0 };
        setsockopt(fd, SO_RCVTIMEO, tv);
        setsockopt(fd, SO_SNDTIMEO, tv);
    }

    private static void setsockopt(int fd, int name, long* tv) => LibC.setsockopt(fd, LibC.SOL_SOCKET, name, tv, 16);

    /// <summary>Sends all of <paramref name="data"/> on a blocking descriptor; false on timeout or error.</summary>
    public static bool SendAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int sent = 0;
            while (sent < data.Length)
            {
                nint n = LibC.send(fd, p + sent, (nuint)(data.Length - sent), LibC.MSG_NOSIGNAL);
                if (n <= 0) return false;
                sent += (int)n;
            }
        }
        return true;
    }

    /// <summary>One blocking recv: bytes read, 0 at end of stream, -errno on failure or timeout.</summary>
    public static int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            nint n = LibC.recv(fd, p, (nuint)buffer.Length, 0);
            return n >= 0 ? (int)n : -LibC.Errno;
        }
    }

    /// <summary>A non-blocking TCP listener on 127.0.0.1 with an ephemeral port.</summary>
    public static (int Fd, int Port) TcpListener()
    {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        Assert.True(fd >= 0, $"socket failed, errno {LibC.Errno}");
        SockAddr addr = SockAddr.FromIp(System.Net.IPAddress.Loopback, 0);
        byte* raw = stackalloc byte[SockAddr.Capacity];
        addr.Bytes.CopyTo(new Span<byte>(raw, SockAddr.Capacity));
        Assert.Equal(0, LibC.bind(fd, raw, addr.Length));
        Assert.Equal(0, LibC.listen(fd, 16));
        int len = SockAddr.Capacity;
        Assert.Equal(0, LibC.getsockname(fd, raw, &len));
        int port = raw[2] << 8 | raw[3];
        return (fd, port);
    }
}

/// <summary>Runs code on a loop's thread and waits for it, bounded.</summary>
internal sealed class LoopWork<T> : IIoWork
{
    private readonly Func<T> _body;
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoopWork(Func<T> body) => _body = body;

    public void RunOnLoop()
    {
        try
        {
            _done.SetResult(_body());
        }
        catch (Exception e)
        {
            _done.SetException(e);
        }
    }

    public static T Run(IoLoop loop, Func<T> body)
    {
        var work = new LoopWork<T>(body);
        loop.Post(work);
        Assert.True(work._done.Task.Wait(TestSupport.TimeoutMs), "posted work did not run within 5 s");
        return work._done.Task.Result;
    }
}

internal static class LoopExtensions
{
    public static void Run(this IoLoop loop, Action body) => LoopWork<bool>.Run(loop, () =>
    {
        body();
        return true;
    });

    public static T Run<T>(this IoLoop loop, Func<T> body) => LoopWork<T>.Run(loop, body);

    /// <summary>Lets the loop go round a few times, so completions already on their way are handled.</summary>
    public static void Settle(this IoLoop loop)
    {
        for (int i = 0; i < 5; i++) loop.Run(() => { });
    }
}

/// <summary>Loop start-up and data helpers shared by the reactor tests.</summary>
internal static class ReactorKit
{
    public static IoLoop Start(IoBackend backend, int spinMicroseconds = 50)
    {
        if (backend == IoBackend.IoUring) Assert.True(UringLoop.IsSupported, $"io_uring unsupported: {UringLoop.UnsupportedReason}");
        IoLoop loop = IoLoopFactory.Create("reactor-test", backend);
        Assert.Equal(backend == IoBackend.Epoll ? "epoll" : "io_uring", loop.Backend);
        loop.SpinMicroseconds = spinMicroseconds;
        loop.Start(null);
        return loop;
    }

    public static byte[] Pattern(int length)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) data[i] = (byte)(i * 31 + (i >> 11));
        return data;
    }

    public static unsafe int FillUntilFull(int fd)
    {
        byte* chunk = stackalloc byte[16 * 1024];
        int total = 0;
        while (true)
        {
            nint n = LibC.send(fd, chunk, 16 * 1024, LibC.MSG_DONTWAIT | LibC.MSG_NOSIGNAL);
            if (n <= 0) return total;
            total += (int)n;
        }
    }
}
