using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_socket, zmq_close, options, endpoints, and the buffer forms of send/receive.</summary>
internal static unsafe class SocketExports
{
    public static Socket? Get(nint handle) => Handles.Get<Socket>(handle, Handles.SocketTag);

    [UnmanagedCallersOnly(EntryPoint = "zmq_socket")]
    public static nint Create(nint context, int type)
    {
        Context? owner = ContextExports.Get(context);
        if (owner is null) return Errno.FailNull(ZmqError.EFAULT);
        if (type < 0 || type > (int)SocketType.Channel) return Errno.FailNull(ZmqError.EINVAL);
        try
        {
            Socket socket = owner.CreateSocket((SocketType)type);
            // A C caller's blocking send or receive ends with EINTR when a signal arrives.
            socket.InterruptibleWaits = true;
            return Handles.Create(socket, Handles.SocketTag);
        }
        catch (Exception e)
        {
            return Guard.FailNull(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_close")]
    public static int Close(nint handle)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        try
        {
            Handles.Release(handle);
            socket.Close();
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_setsockopt")]
    public static int SetOption(nint handle, int option, byte* value, nuint length)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (value == null && length != 0) return Errno.Fail(ZmqError.EFAULT);
        // C can say NULL apart from an empty value; libzmq clears these options only with NULL.
        if (value != null && length == 0 && OptionTable.Find((SocketOption)option)?.Has(OptionFlags.EmptyNeedsNull) == true)
            return Errno.Fail(socket.IsStopped ? ZmqError.ETERM : ZmqError.EINVAL); // ETERM first, as every option
        try
        {
            ZmqError error = socket.SetOptionCore((SocketOption)option, new ReadOnlySpan<byte>(value, checked((int)length)));
            return error == ZmqError.None ? 0 : Errno.Fail(error);
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_getsockopt")]
    public static int GetOption(nint handle, int option, byte* value, nuint* length)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (length == null || (value == null && *length != 0)) return Errno.Fail(ZmqError.EFAULT);
        try
        {
            var destination = new Span<byte>(value, (int)Math.Min(*length, int.MaxValue));
            ZmqError error = socket.GetOptionCore((SocketOption)option, destination, out int written);
            if (error != ZmqError.None) return Errno.Fail(error);
            *length = (nuint)written;
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_bind")]
    public static int Bind(nint handle, byte* endpoint) => Endpoint(handle, endpoint, static (s, e) => s.Bind(e));

    [UnmanagedCallersOnly(EntryPoint = "zmq_connect")]
    public static int Connect(nint handle, byte* endpoint) => Endpoint(handle, endpoint, static (s, e) => s.Connect(e));

    [UnmanagedCallersOnly(EntryPoint = "zmq_unbind")]
    public static int Unbind(nint handle, byte* endpoint) => Endpoint(handle, endpoint, static (s, e) => s.Unbind(e));

    [UnmanagedCallersOnly(EntryPoint = "zmq_disconnect")]
    public static int Disconnect(nint handle, byte* endpoint) => Endpoint(handle, endpoint, static (s, e) => s.Disconnect(e));

    private static int Endpoint(nint handle, byte* endpoint, Action<Socket, string> action)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        string? text = Utf8.ToString(endpoint);
        if (text is null) return Errno.Fail(ZmqError.EINVAL);
        try
        {
            action(socket, text);
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_send")]
    public static int Send(nint handle, byte* buffer, nuint length, int flags) => SendCopy(handle, buffer, length, flags);

    // The engine copies small frames anyway; a constant buffer is sent as a copy too, which the
    // caller cannot tell apart (it only promises the buffer outlives the message).
    [UnmanagedCallersOnly(EntryPoint = "zmq_send_const")]
    public static int SendConst(nint handle, byte* buffer, nuint length, int flags) => SendCopy(handle, buffer, length, flags);

    private static int SendCopy(nint handle, byte* buffer, nuint length, int flags)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (buffer == null && length != 0) return Errno.Fail(ZmqError.EFAULT);
        if (length > int.MaxValue) return Errno.Fail(ZmqError.EMSGSIZE);
        try
        {
            Msg msg = Msg.Copy(new ReadOnlySpan<byte>(buffer, (int)length));
            ZmqError error = socket.SendCore(ref msg, (SendFlags)flags);
            if (error == ZmqError.None) return (int)length;
            msg.Close();
            return Errno.Fail(error);
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_recv")]
    public static int Receive(nint handle, byte* buffer, nuint length, int flags)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (buffer == null && length != 0) return Errno.Fail(ZmqError.EFAULT);
        try
        {
            Msg msg = default;
            ZmqError error = socket.ReceiveCore(ref msg, (ReceiveFlags)flags);
            if (error != ZmqError.None) return Errno.Fail(error);
            // Like libzmq: copy what fits, report the full size so the caller sees truncation.
            Span<byte> data = msg.Data;
            int size = data.Length;
            data.Slice(0, (int)Math.Min((nuint)size, length)).CopyTo(new Span<byte>(buffer, (int)Math.Min(length, int.MaxValue)));
            msg.Close();
            return size;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    // As libzmq: the int mask widens as a signed int would, so a negative one is refused (EINVAL).
    [UnmanagedCallersOnly(EntryPoint = "zmq_socket_monitor")]
    public static int SocketMonitor(nint handle, byte* endpoint, int events) =>
        Monitor(handle, endpoint, unchecked((ulong)events), 1, (int)SocketType.Pair);

    /// <summary>Draft: events as 64 bits, in format 1 or 2, sent on a PAIR, PUB or PUSH socket.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_socket_monitor_versioned")]
    public static int SocketMonitorVersioned(nint handle, byte* endpoint, ulong events, int version, int type) =>
        Monitor(handle, endpoint, events, version, type);

    private static int Monitor(nint handle, byte* endpoint, ulong events, int version, int type)
    {
        Socket? socket = Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        try
        {
            socket.Monitor(Utf8.ToString(endpoint), events, version, (SocketType)type);
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }
}
