using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

[assembly: DisableRuntimeMarshalling]

namespace Zinc.Bench;

/// <summary>
/// The few zmq.h functions the comparison runs need, bound to the system libzmq (Debian's
/// libzmq5). Every signature is blittable (handles as nint, strings as NUL-terminated byte
/// pointers), so the generated stubs are plain calls with no marshalling.
/// </summary>
internal static unsafe partial class LibZmqNative
{
    private const string Library = "libzmq.so.5";

    [LibraryImport(Library, EntryPoint = "zmq_version")]
    public static partial void Version(int* major, int* minor, int* patch);

    [LibraryImport(Library, EntryPoint = "zmq_ctx_new")]
    public static partial nint CtxNew();

    [LibraryImport(Library, EntryPoint = "zmq_ctx_shutdown")]
    public static partial int CtxShutdown(nint context);

    [LibraryImport(Library, EntryPoint = "zmq_ctx_term")]
    public static partial int CtxTerm(nint context);

    [LibraryImport(Library, EntryPoint = "zmq_socket")]
    public static partial nint Socket(nint context, int type);

    [LibraryImport(Library, EntryPoint = "zmq_close")]
    public static partial int Close(nint socket);

    [LibraryImport(Library, EntryPoint = "zmq_bind")]
    public static partial int Bind(nint socket, byte* endpoint);

    [LibraryImport(Library, EntryPoint = "zmq_connect")]
    public static partial int Connect(nint socket, byte* endpoint);

    [LibraryImport(Library, EntryPoint = "zmq_setsockopt")]
    public static partial int SetSockOpt(nint socket, int option, void* value, nuint length);

    [LibraryImport(Library, EntryPoint = "zmq_send")]
    public static partial int Send(nint socket, void* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_recv")]
    public static partial int Recv(nint socket, void* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_msg_init")]
    public static partial int MsgInit(LibZmqMsg* msg);

    [LibraryImport(Library, EntryPoint = "zmq_msg_send")]
    public static partial int MsgSend(LibZmqMsg* msg, nint socket, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_msg_recv")]
    public static partial int MsgRecv(LibZmqMsg* msg, nint socket, int flags);

    [LibraryImport(Library, EntryPoint = "zmq_msg_close")]
    public static partial int MsgClose(LibZmqMsg* msg);

    [LibraryImport(Library, EntryPoint = "zmq_msg_data")]
    public static partial byte* MsgData(LibZmqMsg* msg);

    [LibraryImport(Library, EntryPoint = "zmq_errno")]
    public static partial int Errno();

    [LibraryImport(Library, EntryPoint = "zmq_strerror")]
    public static partial byte* StrError(int errnum);
}
