using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_ctx_* and their deprecated aliases (zmq_init, zmq_term, zmq_ctx_destroy).</summary>
internal static unsafe class ContextExports
{
    public static Context? Get(nint handle) => Handles.Get<Context>(handle, Handles.ContextTag);

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_new")]
    public static nint New() => NewContext(-1);

    [UnmanagedCallersOnly(EntryPoint = "zmq_init")]
    public static nint Init(int ioThreads)
    {
        if (ioThreads < 0) return Errno.FailNull(ZmqError.EINVAL);
        return NewContext(ioThreads);
    }

    private static nint NewContext(int ioThreads)
    {
        try
        {
            // Like libzmq's, the IO threads leave signals to the application's threads.
            var context = new Context { IoThreadsBlockSignals = true };
            if (ioThreads >= 0) context.SetOption(ContextOption.IoThreads, ioThreads);
            return Handles.Create(context, Handles.ContextTag);
        }
        catch (Exception e)
        {
            return Guard.FailNull(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_term")]
    public static int CtxTerm(nint handle) => Terminate(handle);

    [UnmanagedCallersOnly(EntryPoint = "zmq_term")]
    public static int Term(nint handle) => Terminate(handle);

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_destroy")]
    public static int Destroy(nint handle) => Terminate(handle);

    private static int Terminate(nint handle)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        try
        {
            context.Terminate();
            Handles.Release(handle);
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_shutdown")]
    public static int Shutdown(nint handle)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        try
        {
            context.Shutdown();
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_set")]
    public static int Set(nint handle, int option, int value)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        ZmqError error = ContextOptions.Set(context, option, (byte*)&value, sizeof(int));
        return error == ZmqError.None ? 0 : Errno.Fail(error);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_get")]
    public static int GetOption(nint handle, int option)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        ZmqError error = ContextOptions.Get(context, option, out int value);
        return error == ZmqError.None ? value : Errno.Fail(error);
    }

    /// <summary>Draft: zmq_ctx_set with the value as bytes, for ZMQ_THREAD_NAME_PREFIX as a string.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_set_ext")]
    public static int SetExt(nint handle, int option, byte* value, nuint length)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        if (value == null && length != 0) return Errno.Fail(ZmqError.EFAULT);
        ZmqError error = ContextOptions.Set(context, option, value, length);
        return error == ZmqError.None ? 0 : Errno.Fail(error);
    }

    /// <summary>Draft: zmq_ctx_get into a buffer, for ZMQ_THREAD_NAME_PREFIX as a string.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_ctx_get_ext")]
    public static int GetExt(nint handle, int option, byte* value, nuint* length)
    {
        Context? context = Get(handle);
        if (context is null) return Errno.Fail(ZmqError.EFAULT);
        if (length == null || (value == null && *length != 0)) return Errno.Fail(ZmqError.EFAULT);
        ZmqError error = ContextOptions.Get(context, option, value, *length);
        return error == ZmqError.None ? 0 : Errno.Fail(error);
    }
}
