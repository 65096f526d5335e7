using Zinc.Reactor.Native;

namespace Zinc.Transports.Ipc;

/// <summary>
/// ipc:// addresses (zmq_ipc(7)): a file path, "@name" in Linux's abstract namespace, or "*"
/// for a fresh path that nobody else uses.
/// </summary>
internal static class IpcAddress
{
    /// <summary>Resolves "*" to a new unique path; other addresses are kept as written.</summary>
    public static string ResolveBind(string address)
    {
        if (address != "*") return address;
        string directory = Path.Combine(Path.GetTempPath(), "zinc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "socket");
    }

    public static SockAddr ToSockAddr(string address)
    {
        if (address.Length == 0 || address == "*") throw new ZmqException(ZmqError.EINVAL, "ipc address missing");
        return SockAddr.FromUnixPath(address);
    }

    public static bool IsAbstract(string address) => address.StartsWith('@');

    /// <summary>Removes the socket file a bind created (and the directory "*" made for it).</summary>
    public static void Remove(string address, bool wasWildcard)
    {
        if (IsAbstract(address)) return;
        LibC.unlink(address);
        if (!wasWildcard) return;
        try
        {
            Directory.Delete(Path.GetDirectoryName(address)!);
        }
        catch (IOException)
        {
        }
    }
}
