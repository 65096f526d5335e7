using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_poller_* (libzmq 4.3 draft API) over the engine's <see cref="Poller"/>.</summary>
internal static unsafe class PollerExports
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CPollerEvent
    {
        public nint Socket;
        public int Fd;
        public nint UserData;
        public short Events;
    }

    // The engine's poller reports sockets as objects; C wants its own socket pointer back, so
    // the user data carries both.
    private sealed record Registration(nint SocketHandle, nint UserData);

    private static Poller? Get(nint handle) => Handles.Get<Poller>(handle, Handles.PollerTag);

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_new")]
    public static nint New()
    {
        try
        {
            return Handles.Create(new Poller { Interruptible = true }, Handles.PollerTag);
        }
        catch (Exception e)
        {
            return Guard.FailNull(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_destroy")]
    public static int Destroy(nint* handle)
    {
        if (handle == null) return Errno.Fail(ZmqError.EFAULT);
        Poller? poller = Get(*handle);
        if (poller is null) return Errno.Fail(ZmqError.EFAULT);
        poller.Dispose();
        Handles.Release(*handle);
        *handle = 0;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_size")]
    public static int Size(nint handle)
    {
        Poller? poller = Get(handle);
        return poller is null ? Errno.Fail(ZmqError.EFAULT) : poller.Size;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_add")]
    public static int Add(nint handle, nint socket, nint userData, short events) =>
        WithSocket(handle, socket, (p, s) => p.Add(s, (PollEvents)events, new Registration(socket, userData)));

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_modify")]
    public static int Modify(nint handle, nint socket, short events) =>
        WithSocket(handle, socket, (p, s) => p.Modify(s, (PollEvents)events));

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_remove")]
    public static int Remove(nint handle, nint socket) => WithSocket(handle, socket, (p, s) => p.Remove(s));

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_add_fd")]
    public static int AddFd(nint handle, int fd, nint userData, short events) =>
        WithPoller(handle, p => p.Add(fd, (PollEvents)events, new Registration(0, userData)));

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_modify_fd")]
    public static int ModifyFd(nint handle, int fd, short events) => WithPoller(handle, p => p.Modify(fd, (PollEvents)events));

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_remove_fd")]
    public static int RemoveFd(nint handle, int fd) => WithPoller(handle, p => p.Remove(fd));

    private static int WithSocket(nint handle, nint socketHandle, Action<Poller, Socket> action)
    {
        Socket? socket = SocketExports.Get(socketHandle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        return WithPoller(handle, p => action(p, socket));
    }

    private static int WithPoller(nint handle, Action<Poller> action)
    {
        Poller? poller = Get(handle);
        if (poller is null) return Errno.Fail(ZmqError.EFAULT);
        try
        {
            action(poller);
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    /// <summary>
    /// Draft: the descriptor libzmq's poller signals for thread-safe sockets (CLIENT, SERVER,
    /// RADIO, DISH...). libzmq makes one only once such a socket is added, and says EINVAL until
    /// then; the engine has no thread-safe socket type, so that is always the answer here.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_fd")]
    public static int Fd(nint handle, int* fd)
    {
        if (Get(handle) is null || fd == null) return Errno.Fail(ZmqError.EFAULT);
        return Errno.Fail(ZmqError.EINVAL);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_wait")]
    public static int Wait(nint handle, CPollerEvent* ev, nint timeout) => WaitAll(handle, ev, 1, timeout) < 0 ? -1 : 0;

    [UnmanagedCallersOnly(EntryPoint = "zmq_poller_wait_all")]
    public static int WaitAllExport(nint handle, CPollerEvent* events, int count, nint timeout) => WaitAll(handle, events, count, timeout);

    private static int WaitAll(nint handle, CPollerEvent* events, int count, nint timeout)
    {
        Poller? poller = Get(handle);
        if (poller is null) return Errno.Fail(ZmqError.EFAULT);
        if (events == null || count <= 0) return Errno.Fail(ZmqError.EINVAL);
        var found = new PollerEvent[count];
        try
        {
            int ready = poller.Wait(found, (int)Math.Clamp(timeout, -1, int.MaxValue));
            for (int i = 0; i < ready; i++)
            {
                var registration = (Registration)found[i].UserData!;
                events[i].Socket = registration.SocketHandle;
                events[i].Fd = found[i].Socket is null ? found[i].Fd : 0;
                events[i].UserData = registration.UserData;
                events[i].Events = (short)found[i].Events;
            }
            return ready;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }
}
