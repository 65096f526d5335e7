using Zinc.Transports.Ipc;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>
/// ZMQ_IPC_FILTER_UID / _GID / _PID on an ipc listener, and the credential check behind them.
/// The peer is always this test process, so "own" ids pass and any other id refuses it.
/// </summary>
public sealed class IpcPeerFilterTests
{
    private static int OwnUid => ProcStatusId("Uid:");
    private static int OwnGid => ProcStatusId("Gid:");
    private static int OwnPid => Environment.ProcessId;

    // /proc/self/status: "Uid:\treal\teffective\tsaved\tfs"; SO_PEERCRED carries the effective one.
    private static int ProcStatusId(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return int.Parse(line[field.Length..].Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    private static int Other(int own) => own == 12345 ? 12346 : 12345;

    public static TheoryData<IoBackend, SocketOption> BackendsAndFilters => new()
    {
        { IoBackend.Epoll, SocketOption.IpcFilterUid },
        { IoBackend.Epoll, SocketOption.IpcFilterGid },
        { IoBackend.Epoll, SocketOption.IpcFilterPid },
        { IoBackend.IoUring, SocketOption.IpcFilterUid },
        { IoBackend.IoUring, SocketOption.IpcFilterGid },
        { IoBackend.IoUring, SocketOption.IpcFilterPid },
    };

    private static int Own(SocketOption filter) => filter switch
    {
        SocketOption.IpcFilterUid => OwnUid,
        SocketOption.IpcFilterGid => OwnGid,
        _ => OwnPid,
    };

    [Theory]
    [MemberData(nameof(BackendsAndFilters))]
    public void A_filter_naming_the_peer_accepts_it(IoBackend backend, SocketOption filter)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(filter, Other(Own(filter)));
        pull.SetOption(filter, Own(filter)); // one match among several is enough
        using var events = new MonitorReader(ctx, pull);
        string endpoint = "ipc://" + IpcPath();
        pull.Bind(endpoint);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(endpoint);
        push.SendString("allowed");
        Assert.Equal("allowed", pull.RecvString());
        Assert.Equal(SocketEvents.Accepted, events.WaitFor(SocketEvents.Accepted | SocketEvents.AcceptFailed).Event);
    }

    [Theory]
    [MemberData(nameof(BackendsAndFilters))]
    public void A_filter_naming_someone_else_refuses_the_peer(IoBackend backend, SocketOption filter)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull, timeoutMs: 300);
        using var events = new MonitorReader(ctx, pull);
        pull.SetOption(filter, Other(Own(filter)));
        string filtered = "ipc://" + IpcPath();
        pull.Bind(filtered);
        // Options are taken at bind: with the filter cleared, a second endpoint takes anyone.
        pull.SetOption(filter, ReadOnlySpan<byte>.Empty);
        string open = "ipc://" + IpcPath();
        pull.Bind(open);

        using Socket refused = ctx.CreateStream(SocketType.Push);
        refused.SetOption(SocketOption.ReconnectIvl, 20);
        refused.Connect(filtered);
        refused.SendString("refused");
        // libzmq closes the refused connection and reports a failed accept, never ACCEPTED.
        MonitorEvent failed = events.WaitFor(SocketEvents.AcceptFailed | SocketEvents.Accepted | SocketEvents.HandshakeSucceeded);
        Assert.Equal(SocketEvents.AcceptFailed, failed.Event);
        Assert.Equal(filtered, failed.Endpoint);
        Assert.Equal(ZmqError.EAGAIN, TestSupport.ErrorOf(() => pull.ReceiveBytes()));

        using Socket allowed = ctx.CreateStream(SocketType.Push);
        allowed.Connect(open);
        allowed.SendString("allowed");
        Assert.Equal("allowed", pull.RecvString());
        Assert.DoesNotContain(events.Seen, e => e.Endpoint == filtered && e.Event is SocketEvents.Accepted or SocketEvents.HandshakeSucceeded);
    }

    [Fact]
    public void Credentials_of_a_connected_unix_socket_are_this_process()
    {
        using var ctx = NewContext(IoBackend.Epoll);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        string path = IpcPath();
        pull.Bind("ipc://" + path);
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix,
            System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        client.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        Assert.True(PeerCredentials.TryRead((int)client.Handle, out PeerCredentials peer));
        Assert.Equal(new PeerCredentials(OwnPid, OwnUid, OwnGid), peer);
    }

    [Fact]
    public void Allows_when_any_listed_id_matches()
    {
        var peer = new PeerCredentials(Pid: 100, Uid: 200, Gid: 300);
        Assert.True(IpcPeerFilter.Allows(peer, new HashSet<int> { 200 }, null, null));
        Assert.True(IpcPeerFilter.Allows(peer, null, new HashSet<int> { 300 }, null));
        Assert.True(IpcPeerFilter.Allows(peer, null, null, new HashSet<int> { 100 }));
        Assert.True(IpcPeerFilter.Allows(peer, new HashSet<int> { 1 }, new HashSet<int> { 2 }, new HashSet<int> { 100 }));
        Assert.False(IpcPeerFilter.Allows(peer, new HashSet<int> { 1 }, null, new HashSet<int> { 3 }));
    }

    [Fact]
    public void Supplementary_group_membership_comes_from_the_group_database()
    {
        // An id no account has is a member of nothing.
        Assert.False(IpcPeerFilter.MemberOfAny(1_999_999, 1_999_999, new HashSet<int> { 0 }));
        // A user listed in a group's member list is a member, whatever its own gid.
        (string user, int gid)? listed = GroupWithMember();
        if (listed is not { } entry) return; // no member lists on this machine: nothing more to check
        int uid = PasswdUid(entry.user);
        Assert.True(IpcPeerFilter.MemberOfAny(uid, Other(entry.gid), new HashSet<int> { entry.gid }));
    }

    // The first /etc/group line with a member who has a /etc/passwd entry.
    private static (string, int)? GroupWithMember()
    {
        if (!File.Exists("/etc/group") || !File.Exists("/etc/passwd")) return null;
        foreach (string line in File.ReadLines("/etc/group"))
        {
            string[] f = line.Split(':');
            if (f.Length < 4 || f[3].Length == 0) continue;
            foreach (string member in f[3].Split(','))
                if (PasswdUid(member) >= 0) return (member, int.Parse(f[2]));
        }
        return null;
    }

    private static int PasswdUid(string user)
    {
        foreach (string line in File.ReadLines("/etc/passwd"))
        {
            string[] f = line.Split(':');
            if (f.Length > 2 && f[0] == user) return int.Parse(f[2]);
        }
        return -1;
    }
}
