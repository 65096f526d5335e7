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

    /// <summary>
    /// libzmq's zmq_poll with no items: returns 0 at once for a zero timeout, else sleeps in
    /// usleep(3) for timeout * 1000 µs cut to its 32-bit useconds_t (so -1, "forever", is about
    /// 71.6 minutes) and returns what usleep does: 0, or -1 with EINTR when a signal ends it.
    /// </summary>
    private static int SleepWithoutItems(nint timeout)
    {
        if (timeout == 0) return 0;
        uint micros = unchecked((uint)(timeout * 1000));
        return LibcSleep.Microseconds(micros) ? 0 : Errno.Fail(ZmqError.EINTR);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_poll")]
    public static int Poll(CPollItem* items, int count, nint timeout)
    {
        if (count < 0) return Errno.Fail(ZmqError.EINVAL);
        if (items == null && count > 0) return Errno.Fail(ZmqError.EFAULT);
        if (count == 0) return SleepWithoutItems(timeout);
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
            int ready = ZmqPoll.Poll(polled, (int)Math.Clamp(timeout, -1, int.MaxValue), interruptible: true);
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
