using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_proxy, zmq_proxy_steerable, zmq_device, zmq_threadstart/zmq_threadclose.</summary>
internal static unsafe class ProxyExports
{
    [UnmanagedCallersOnly(EntryPoint = "zmq_proxy")]
    public static int RunProxy(nint frontend, nint backend, nint capture) => Run(frontend, backend, capture, 0);

    [UnmanagedCallersOnly(EntryPoint = "zmq_proxy_steerable")]
    public static int RunSteerable(nint frontend, nint backend, nint capture, nint control) => Run(frontend, backend, capture, control);

    // zmq_device's type argument (QUEUE, FORWARDER, STREAMER) never changed what it did.
    [UnmanagedCallersOnly(EntryPoint = "zmq_device")]
    public static int Device(int type, nint frontend, nint backend) => Run(frontend, backend, 0, 0);

    private static int Run(nint frontend, nint backend, nint capture, nint control)
    {
        Socket? front = SocketExports.Get(frontend), back = SocketExports.Get(backend);
        Socket? captureSocket = capture == 0 ? null : SocketExports.Get(capture);
        Socket? controlSocket = control == 0 ? null : SocketExports.Get(control);
        if (front is null || back is null || (capture != 0 && captureSocket is null) || (control != 0 && controlSocket is null))
            return Errno.Fail(ZmqError.EFAULT);
        try
        {
            ZmqError error = new Proxy(front, back, captureSocket, controlSocket).Run();
            return error == ZmqError.None ? 0 : Errno.Fail(error);
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_threadstart")]
    public static nint ThreadStart(delegate* unmanaged<void*, void> function, void* argument)
    {
        if (function == null) return Errno.FailNull(ZmqError.EINVAL);
        try
        {
            // A C thread function runs on a managed thread; its arguments are plain pointers.
            nint fn = (nint)function, arg = (nint)argument;
            var thread = new Thread(() => ((delegate* unmanaged<void*, void>)fn)((void*)arg)) { IsBackground = true };
            thread.Start();
            return Handles.Create(thread, Handles.ThreadTag);
        }
        catch (Exception e)
        {
            return Guard.FailNull(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_threadclose")]
    public static void ThreadClose(nint handle)
    {
        Thread? thread = Handles.Get<Thread>(handle, Handles.ThreadTag);
        if (thread is null) return;
        thread.Join();
        Handles.Release(handle);
    }
}
