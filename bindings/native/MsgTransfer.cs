namespace Zinc.Native;

/// <summary>
/// Moves a C message into and out of the engine. The engine's <see cref="Msg"/> holds managed
/// references and may live in moving memory, so the payload is copied at the boundary: into a
/// Msg on send, out to malloc'd memory on receive.
/// </summary>
internal static unsafe class MsgTransfer
{
    public static int Send(NativeMsg* msg, nint handle, int flags)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        Socket? socket = SocketExports.Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        try
        {
            Msg frame = Msg.Copy(live->Payload);
            frame.RoutingId = live->RoutingId;
            MsgTag? tag = live->TagObject;
            if (tag?.Group is not null) frame.Group = tag.Group;
            int size = (int)live->Length;
            ZmqError error = socket.SendCore(ref frame, (SendFlags)flags);
            if (error != ZmqError.None)
            {
                frame.Close();
                return Errno.Fail(error);
            }
            // libzmq empties a sent message; the caller may still close it.
            NativeMsg.Release(live);
            return size;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    public static int Receive(NativeMsg* msg, nint handle, int flags)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        Socket? socket = SocketExports.Get(handle);
        if (socket is null) return Errno.Fail(ZmqError.ENOTSOCK);
        try
        {
            Msg frame = default;
            ZmqError error = socket.ReceiveCore(ref frame, (ReceiveFlags)flags);
            if (error != ZmqError.None) return Errno.Fail(error);
            NativeMsg.Release(live);
            Span<byte> data = frame.Data;
            int size = data.Length;
            NativeMsg.InitSize(live, size);
            data.CopyTo(live->Payload);
            if (frame.HasMore) live->Flags |= NativeMsg.FlagMore;
            live->RoutingId = frame.RoutingId;
            if (frame.Group is not null || frame.Properties is not null)
                live->SetTag(new MsgTag(frame.Group, frame.Properties));
            frame.Close();
            return size;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }
}
