using System.Buffers;
using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_poll over C's zmq_pollitem_t array, through the engine's <see cref="ZmqPoll"/>.</summary>
internal static unsafe class PollExports
{
    [StructLayout(LayoutKind.Sequential)]
    public struct CPollItem
    {
        public nint Socket;
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poll")]
    public static int Poll(CPollItem* items, int count, nint timeout)
    {
        if (count < 0) return Errno.Fail(ZmqError.EINVAL);
        if (items == null && count > 0) return Errno.Fail(ZmqError.EFAULT);
        if (count == 0)
        {
            // libzmq sleeps for the timeout when there is nothing to poll; forever is EFAULT here,
            // as in the engine's ZmqPoll (libzmq would sleep for good).
            if (timeout < 0) return Errno.Fail(ZmqError.EFAULT);
            if (timeout > 0) Thread.Sleep((int)Math.Min(timeout, int.MaxValue));
            return 0;
        }
        PollItem[] pool = ArrayPool<PollItem>.Shared.Rent(count);
        try
        {
            Span<PollItem> polled = pool.AsSpan(0, count);
            for (int i = 0; i < count; i++)
            {
                var events = (PollEvents)items[i].Events;
                if (items[i].Socket != 0)
                {
                    Socket? socket = SocketExports.Get(items[i].Socket);
                    if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
                    polled[i] = new PollItem(socket, events);
                }
                else
                {
                    polled[i] = new PollItem(items[i].Fd, events);
                }
            }
            int ready = ZmqPoll.Poll(polled, (int)Math.Clamp(timeout, -1, int.MaxValue));
            for (int i = 0; i < count; i++) items[i].ReturnedEvents = (short)polled[i].ReturnedEvents;
            return ready;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
        finally
        {
            // Drop the socket references so the pool does not keep closed sockets alive.
            pool.AsSpan(0, count).Clear();
            ArrayPool<PollItem>.Shared.Return(pool);
        }
    }
}
