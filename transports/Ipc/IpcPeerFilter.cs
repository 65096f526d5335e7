using System.Runtime.InteropServices;
using Zinc.Reactor.Native;

namespace Zinc.Transports.Ipc;

/// <summary>The credentials the kernel recorded for the process at the other end of a unix socket.</summary>
internal readonly record struct PeerCredentials(int Pid, int Uid, int Gid)
{
    /// <summary>SO_PEERCRED of a connected unix socket; false when the kernel does not say.</summary>
    public static unsafe bool TryRead(int fd, out PeerCredentials credentials)
    {
        LibC.UCred cred = default;
        int len = sizeof(LibC.UCred);
        if (LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_PEERCRED, &cred, &len) != 0 || len < sizeof(LibC.UCred))
        {
            credentials = default;
            return false;
        }
        credentials = new PeerCredentials(cred.Pid, (int)cred.Uid, (int)cred.Gid);
        return true;
    }
}

/// <summary>
/// ZMQ_IPC_FILTER_UID / _GID / _PID on an ipc listener (zmq_setsockopt(3)): with any of them
/// set, an accepted peer is kept only if its uid is listed, or its gid is, or its user is a
/// member of a listed group in the group database, or its pid is listed. Runs once per accepted
/// connection, never per message.
/// </summary>
internal static class IpcPeerFilter
{
    /// <summary>True when the options set any ipc filter (so accepted peers must be checked).</summary>
    public static bool IsActive(SocketOptions options) =>
        options.IpcFilterUids is { Count: > 0 } || options.IpcFilterGids is { Count: > 0 } || options.IpcFilterPids is { Count: > 0 };

    /// <summary>Whether the peer on <paramref name="fd"/> passes the filters (false when its credentials cannot be read).</summary>
    public static bool Accepts(int fd, SocketOptions options) =>
        PeerCredentials.TryRead(fd, out PeerCredentials peer) &&
        Allows(peer, options.IpcFilterUids, options.IpcFilterGids, options.IpcFilterPids);

    public static bool Allows(PeerCredentials peer, IReadOnlySet<int>? uids, IReadOnlySet<int>? gids, IReadOnlySet<int>? pids)
    {
        if (uids is not null && uids.Contains(peer.Uid)) return true;
        if (gids is { Count: > 0 } && (gids.Contains(peer.Gid) || MemberOfAny(peer.Uid, peer.Gid, gids))) return true;
        return pids is not null && pids.Contains(peer.Pid);
    }

    /// <summary>
    /// Whether the user <paramref name="uid"/> is listed as a member of one of <paramref name="gids"/>
    /// in the group database (supplementary membership, which SO_PEERCRED does not carry): the
    /// user's name from the password database, then getgrouplist(3), which answers from the same
    /// NSS sources as libzmq's getgrgid walk. An unknown uid is a member of nothing.
    /// </summary>
    public static unsafe bool MemberOfAny(int uid, int primaryGid, IReadOnlySet<int> gids)
    {
        // Native memory: pwd.Name points into this buffer, which must not move until
        // getgrouplist has read it.
        nuint size = 4096;
        byte* buffer = (byte*)NativeMemory.Alloc(size);
        try
        {
            LibC.Passwd pwd = default;
            LibC.Passwd* found = null;
            int rc;
            while ((rc = LibC.getpwuid_r((uint)uid, &pwd, buffer, size, &found)) == LibC.ERANGE && size < 1 << 20)
            {
                NativeMemory.Free(buffer);
                buffer = null;
                size *= 2;
                buffer = (byte*)NativeMemory.Alloc(size);
            }
            if (rc != 0 || found is null || pwd.Name is null) return false;
            return InGroupList(pwd.Name, primaryGid, gids);
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    private static unsafe bool InGroupList(byte* user, int primaryGid, IReadOnlySet<int> gids)
    {
        int capacity = 64;
        while (true)
        {
            uint[] groups = new uint[capacity];
            int count = capacity;
            int rc;
            fixed (uint* g = groups) rc = LibC.getgrouplist(user, (uint)primaryGid, g, &count);
            if (rc >= 0)
            {
                for (int i = 0; i < count; i++)
                    if (gids.Contains((int)groups[i])) return true;
                return false;
            }
            // Too small: count now says how many there are (grow anyway, in case it does not).
            if (capacity >= 1 << 16) return false;
            capacity = Math.Max(count, capacity * 2);
        }
    }
}
