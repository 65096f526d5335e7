using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>
/// Draft socket methods of the socket types the engine lacks: zmq_join/zmq_leave (DISH groups)
/// and zmq_connect_peer (PEER). libzmq answers ENOTSUP for every other socket type, and no
/// socket of those types can be made here, so that is the answer for any live socket.
/// </summary>
internal static unsafe class GroupExports
{
    [UnmanagedCallersOnly(EntryPoint = "zmq_join")]
    public static int Join(nint handle, byte* group) => NotSupported(handle);

    [UnmanagedCallersOnly(EntryPoint = "zmq_leave")]
    public static int Leave(nint handle, byte* group) => NotSupported(handle);

    /// <summary>libzmq returns a routing id, so its failure value is 0, not -1.</summary>
    [UnmanagedCallersOnly(EntryPoint = "zmq_connect_peer")]
    public static uint ConnectPeer(nint handle, byte* endpoint)
    {
        NotSupported(handle);
        return 0;
    }

    private static int NotSupported(nint handle) =>
        Errno.Fail(SocketExports.Get(handle) is null ? ZmqError.ENOTSOCK : ZmqError.ENOTSUP);
}
