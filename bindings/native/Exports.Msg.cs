using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_msg_*: the C message handle (see <see cref="NativeMsg"/>) and its send/receive.</summary>
internal static unsafe class MsgExports
{
    // zmq_msg_get/set properties, numbered as in zmq.h.
    private const int More = 1, SrcFd = 2, Shared = 3;

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_init")]
    public static int Init(NativeMsg* msg)
    {
        if (msg == null) return Errno.Fail(ZmqError.EFAULT);
        NativeMsg.InitEmpty(msg);
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_init_size")]
    public static int InitSize(NativeMsg* msg, nuint size)
    {
        if (msg == null) return Errno.Fail(ZmqError.EFAULT);
        if (size > int.MaxValue) return Errno.Fail(ZmqError.ENOMEM);
        return Allocate(msg, (int)size) ? 0 : Errno.Fail(ZmqError.ENOMEM);
    }

    // malloc failing must become ENOMEM: an exception leaving an export would abort the process.
    private static bool Allocate(NativeMsg* msg, int size)
    {
        try
        {
            NativeMsg.InitSize(msg, size);
            return true;
        }
        catch (OutOfMemoryException)
        {
            NativeMsg.InitEmpty(msg);
            return false;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_init_buffer")]
    public static int InitBuffer(NativeMsg* msg, byte* buffer, nuint size)
    {
        if (msg == null || (buffer == null && size != 0)) return Errno.Fail(ZmqError.EFAULT);
        if (size > int.MaxValue || !Allocate(msg, (int)size)) return Errno.Fail(ZmqError.ENOMEM);
        new ReadOnlySpan<byte>(buffer, (int)size).CopyTo(msg->Payload);
        return 0;
    }

    /// <summary>
    /// Zero-copy from C's point of view: the message points at the caller's buffer, and the free
    /// function runs when the last user lets go. Sending copies the payload into the engine, so
    /// that moment is the send (or zmq_msg_close), as libzmq allows ("when no longer needed").
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_init_data")]
    public static int InitData(NativeMsg* msg, byte* data, nuint size, delegate* unmanaged<void*, void*, void> free, void* hint)
    {
        if (msg == null) return Errno.Fail(ZmqError.EFAULT);
        if (data == null && size != 0) return Errno.Fail(ZmqError.EFAULT);
        if (size > int.MaxValue) return Errno.Fail(ZmqError.ENOMEM);
        NativeMsg.InitEmpty(msg);
        msg->Data = data;
        msg->Length = (nint)size;
        msg->Free = free;
        msg->Hint = hint;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_close")]
    public static int Close(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        NativeMsg.Release(live);
        live->Tag = 0;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_data")]
    public static void* Data(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return (void*)Errno.FailNull(ZmqError.EFAULT);
        return live->Data;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_size")]
    public static nuint Size(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return (nuint)Errno.FailNull(ZmqError.EFAULT);
        return (nuint)live->Length;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_more")]
    public static int MoreFlag(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        return (live->Flags & NativeMsg.FlagMore) != 0 ? 1 : 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_get")]
    public static int Get(NativeMsg* msg, int property)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        return property switch
        {
            More => (live->Flags & NativeMsg.FlagMore) != 0 ? 1 : 0,
            SrcFd => Errno.Fail(ZmqError.EINVAL), // no file descriptor is kept per message
            Shared => 0,
            _ => Errno.Fail(ZmqError.EINVAL),
        };
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_set")]
    public static int Set(NativeMsg* msg, int property, int value) => Errno.Fail(ZmqError.EINVAL);

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_move")]
    public static int Move(NativeMsg* destination, NativeMsg* source)
    {
        NativeMsg* from = NativeMsg.From(source);
        if (from == null || destination == null) return Errno.Fail(ZmqError.EFAULT);
        if (NativeMsg.From(destination) != null && destination != from) NativeMsg.Release(destination);
        if (destination == from) return 0;
        *destination = *from;
        NativeMsg.InitEmpty(from);
        return 0;
    }

    /// <summary>A deep copy: the C caller sees the same content and size; only the address differs.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_copy")]
    public static int Copy(NativeMsg* destination, NativeMsg* source)
    {
        NativeMsg* from = NativeMsg.From(source);
        if (from == null || destination == null) return Errno.Fail(ZmqError.EFAULT);
        if (destination == from) return 0;
        if (NativeMsg.From(destination) != null) NativeMsg.Release(destination);
        if (!Allocate(destination, (int)from->Length)) return Errno.Fail(ZmqError.ENOMEM);
        from->Payload.CopyTo(destination->Payload);
        destination->Flags |= from->Flags & NativeMsg.FlagMore;
        destination->RoutingId = from->RoutingId;
        MsgTag? tag = from->TagObject;
        if (tag is not null) destination->SetTag(new MsgTag(tag.Group, tag.Properties));
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_gets")]
    public static byte* Gets(NativeMsg* msg, byte* property)
    {
        NativeMsg* live = NativeMsg.From(msg);
        string? name = Utf8.ToString(property);
        if (live == null || name is null) return (byte*)Errno.FailNull(ZmqError.EINVAL);
        MsgTag? tag = live->TagObject;
        string? value = tag?.Properties?.Get(name);
        if (value is null) return (byte*)Errno.FailNull(ZmqError.EINVAL);
        return (byte*)tag!.CString(value);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_set_routing_id")]
    public static int SetRoutingId(NativeMsg* msg, uint routingId)
    {
        NativeMsg* live = NativeMsg.From(msg);
        if (live == null) return Errno.Fail(ZmqError.EFAULT);
        if (routingId == 0) return Errno.Fail(ZmqError.EINVAL);
        live->RoutingId = routingId;
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_routing_id")]
    public static uint RoutingId(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        return live == null ? 0 : live->RoutingId;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_set_group")]
    public static int SetGroup(NativeMsg* msg, byte* group)
    {
        NativeMsg* live = NativeMsg.From(msg);
        string? text = Utf8.ToString(group);
        if (live == null || text is null) return Errno.Fail(ZmqError.EFAULT);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > 255) return Errno.Fail(ZmqError.EINVAL);
        live->SetTag(new MsgTag(text, null));
        return 0;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_group")]
    public static byte* Group(NativeMsg* msg)
    {
        NativeMsg* live = NativeMsg.From(msg);
        MsgTag? tag = live == null ? null : live->TagObject;
        if (tag?.Group is null) return (byte*)ErrorStrings.Empty;
        return (byte*)tag.CString(tag.Group);
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_send")]
    public static int Send(NativeMsg* msg, nint socket, int flags) => MsgTransfer.Send(msg, socket, flags);

    [UnmanagedCallersOnly(EntryPoint = "zmq_msg_recv")]
    public static int Receive(NativeMsg* msg, nint socket, int flags) => MsgTransfer.Receive(msg, socket, flags);

    [UnmanagedCallersOnly(EntryPoint = "zmq_sendmsg")]
    public static int SendMsg(nint socket, NativeMsg* msg, int flags) => MsgTransfer.Send(msg, socket, flags);

    [UnmanagedCallersOnly(EntryPoint = "zmq_recvmsg")]
    public static int ReceiveMsg(nint socket, NativeMsg* msg, int flags) => MsgTransfer.Receive(msg, socket, flags);
}
