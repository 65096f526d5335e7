using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_sendiov and zmq_recviov: a multipart message as an array of struct iovec.</summary>
internal static unsafe class IovExports
{
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>Sends each buffer as one frame, all but the last with SNDMORE; returns the last send's result.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_sendiov")]
    public static int SendIov(nint handle, IoVec* vectors, nuint count, int flags)
    {
        Socket? socket = SocketExports.Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (count == 0 || vectors == null) return Errno.Fail(ZmqError.EINVAL);
        try
        {
            int result = 0;
            for (nuint i = 0; i < count; i++)
            {
                if (vectors[i].Length > int.MaxValue) return Errno.Fail(ZmqError.EMSGSIZE);
                Msg frame = Msg.Copy(new ReadOnlySpan<byte>(vectors[i].Base, (int)vectors[i].Length));
                var sendFlags = (SendFlags)flags;
                if (i < count - 1) sendFlags |= SendFlags.SendMore;
                ZmqError error = socket.SendCore(ref frame, sendFlags);
                if (error != ZmqError.None)
                {
                    frame.Close();
                    return Errno.Fail(error);
                }
                result = (int)vectors[i].Length;
            }
            return result;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    /// <summary>
    /// Receives up to *count frames of one message into malloc'd buffers the caller frees (as
    /// with libzmq); sets *count to the frames received and returns their total size.
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_recviov")]
    public static int ReceiveIov(nint handle, IoVec* vectors, nuint* count, int flags)
    {
        Socket? socket = SocketExports.Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        if (count == null || *count == 0 || vectors == null) return Errno.Fail(ZmqError.EINVAL);
        try
        {
            nuint received = 0;
            int total = 0;
            bool more = true;
            while (more && received < *count)
            {
                Msg frame = default;
                ZmqError error = socket.ReceiveCore(ref frame, (ReceiveFlags)flags);
                if (error != ZmqError.None)
                {
                    *count = received;
                    return Errno.Fail(error);
                }
                Span<byte> data = frame.Data;
                var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(data.Length, 1));
                data.CopyTo(new Span<byte>(buffer, data.Length));
                vectors[received].Base = buffer;
                vectors[received].Length = (nuint)data.Length;
                total += data.Length;
                more = frame.HasMore;
                frame.Close();
                received++;
            }
            *count = received;
            return total;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }
}
