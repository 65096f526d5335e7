namespace Zinc;

internal static partial class OptionTable
{
    /// <summary>Kernel socket tuning, TCP/IPC/multicast/VMCI/WSS/NORM transport settings and proxies.</summary>
    private static void RegisterTransport()
    {
        const OptionFlags draft = OptionFlags.Draft;
        const OptionFlags deprecated = OptionFlags.Deprecated;

        // Kernel socket options.
        Int(SocketOption.SndBuf, -1, min: -1);
        Int(SocketOption.RcvBuf, -1, min: -1);
        Int(SocketOption.Tos, 0, min: 0);
        Int(SocketOption.Priority, 0, min: 0, flags: draft);
        Bool(SocketOption.BusyPoll, false, BoolAny, flags: draft);
        Text(SocketOption.BindToDevice, 0, 16, flags: OptionFlags.EmptyClears | OptionFlags.EmptyNeedsNull);
        Int(SocketOption.UseFd, -1, min: -1);

        // IP version.
        Bool(SocketOption.Ipv6, false, BoolStrict);
        Bool(SocketOption.Ipv4Only, true, BoolStrict, flags: deprecated);

        // TCP.
        Int(SocketOption.TcpKeepalive, -1, min: -1, max: 1);
        Int(SocketOption.TcpKeepaliveCnt, -1, min: -1);
        Int(SocketOption.TcpKeepaliveIdle, -1, min: -1);
        Int(SocketOption.TcpKeepaliveIntvl, -1, min: -1);
        Int(SocketOption.TcpMaxRt, 0, min: 0);
        Int(SocketOption.ConnectTimeout, 0, min: 0);
        Bool(SocketOption.LoopbackFastpath, false, BoolAny, flags: draft);
        Text(SocketOption.TcpAcceptFilter, 0, 255, OptionAccess.Set, OptionFlags.Accumulate | OptionFlags.EmptyNeedsNull | deprecated);

        // IPC peer credential filters (pid_t / uid_t / gid_t are C ints).
        Int(SocketOption.IpcFilterPid, 0, access: OptionAccess.Set, flags: OptionFlags.Accumulate | deprecated);
        Int(SocketOption.IpcFilterUid, 0, access: OptionAccess.Set, flags: OptionFlags.Accumulate | deprecated);
        Int(SocketOption.IpcFilterGid, 0, access: OptionAccess.Set, flags: OptionFlags.Accumulate | deprecated);

        // SOCKS5 proxy.
        Text(SocketOption.SocksProxy, 0, int.MaxValue, flags: OptionFlags.EmptyClears | OptionFlags.EmptyNeedsNull);
        Text(SocketOption.SocksUsername, 0, 255, flags: OptionFlags.EmptyClears | draft);
        Text(SocketOption.SocksPassword, 0, 255, flags: OptionFlags.EmptyClears | draft);

        // Multicast (PGM/EPGM/UDP).
        Int(SocketOption.Rate, 100, min: 1);
        Int(SocketOption.RecoveryIvl, 10000, min: 0);
        Int(SocketOption.MulticastHops, 1, min: 1);
        Int(SocketOption.MulticastMaxTpdu, 1500, min: 1);
        Bool(SocketOption.MulticastLoop, true, BoolAny, flags: draft);

        // VMCI.
        UInt64(SocketOption.VmciBufferSize, 65546);
        UInt64(SocketOption.VmciBufferMinSize, 128);
        UInt64(SocketOption.VmciBufferMaxSize, 262144);
        Int(SocketOption.VmciConnectTimeout, -1);

        // WebSocket over TLS (libzmq keeps these write-only).
        Text(SocketOption.WssKeyPem, 0, int.MaxValue, OptionAccess.Set, OptionFlags.EmptyClears | draft);
        Text(SocketOption.WssCertPem, 0, int.MaxValue, OptionAccess.Set, OptionFlags.EmptyClears | draft);
        Text(SocketOption.WssTrustPem, 0, int.MaxValue, OptionAccess.Set, OptionFlags.EmptyClears | draft);
        Text(SocketOption.WssHostname, 0, int.MaxValue, OptionAccess.Set, OptionFlags.EmptyClears | draft);
        Bool(SocketOption.WssTrustSystem, false, BoolStrict, OptionAccess.Set, draft);

        // NORM (libzmq master).
        Int(SocketOption.NormMode, 1, min: 0, max: 4, flags: draft);
        Bool(SocketOption.NormUnicastNack, false, BoolStrict, flags: draft);
        Int(SocketOption.NormBufferSize, 2048, min: 1, flags: draft);
        Int(SocketOption.NormSegmentSize, 1400, min: 1, flags: draft);
        Int(SocketOption.NormBlockSize, 16, min: 1, max: 255, flags: draft);
        Int(SocketOption.NormNumParity, 4, min: 1, max: 254, flags: draft);
        Int(SocketOption.NormNumAutoparity, 0, min: 0, max: 254, flags: draft);
        Bool(SocketOption.NormPush, false, BoolStrict, flags: draft);
    }
}
