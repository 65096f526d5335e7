using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_timers_* (libzmq 4.3 draft API).</summary>
internal static unsafe class TimersExports
{
    private static Timers? Get(nint handle) => Handles.Get<Timers>(handle, Handles.TimersTag);

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_new")]
    public static nint New() => Handles.Create(new Timers(), Handles.TimersTag);

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_destroy")]
    public static int Destroy(nint* handle)
    {
        if (handle == null || Get(*handle) is null) return Errno.Fail(ZmqError.EFAULT);
        Handles.Release(*handle);
        *handle = 0;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_add")]
    public static int Add(nint handle, nuint interval, delegate* unmanaged<int, void*, void> handler, void* argument)
    {
        Timers? timers = Get(handle);
        if (timers is null) return Errno.Fail(ZmqError.EFAULT);
        if (handler == null) return Errno.Fail(ZmqError.EFAULT);
        return timers.Add(Milliseconds(interval), (nint)handler, (nint)argument);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_cancel")]
    public static int Cancel(nint handle, int id) => Result(Get(handle)?.Cancel(id));

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_set_interval")]
    public static int SetInterval(nint handle, int id, nuint interval) =>
        Result(Get(handle)?.SetInterval(id, Milliseconds(interval)));

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_reset")]
    public static int Reset(nint handle, int id) => Result(Get(handle)?.Reset(id));

    // size_t in C; clamped so "due = now + interval" cannot overflow.
    private static long Milliseconds(nuint interval) => (long)Math.Min((ulong)interval, (ulong)int.MaxValue * 1000);

    // null: not a timers handle (EFAULT); false: no such timer (EINVAL), as libzmq reports them.
    private static int Result(bool? found) => found switch
    {
        null => Errno.Fail(ZmqError.EFAULT),
        false => Errno.Fail(ZmqError.EINVAL),
        true => 0,
    };

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_timeout")]
    public static nint Timeout(nint handle)
    {
        Timers? timers = Get(handle);
        if (timers is null) return Errno.Fail(ZmqError.EFAULT);
        return (nint)timers.Timeout();
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_timers_execute")]
    public static int Execute(nint handle)
    {
        Timers? timers = Get(handle);
        if (timers is null) return Errno.Fail(ZmqError.EFAULT);
        timers.Execute();
        return 0;
    }
}
