namespace Zinc;

internal static partial class OptionTable
{
    /// <summary>Queues, timeouts, reconnection, heartbeats, routing id and the read-only socket state.</summary>
    private static void RegisterCore()
    {
        const OptionFlags draft = OptionFlags.Draft;

        // Queues.
        Int(SocketOption.SndHwm, 1000, min: 0);
        Int(SocketOption.RcvHwm, 1000, min: 0);
        Bool(SocketOption.Conflate, false, BoolStrict);
        Int64(SocketOption.MaxMsgSize, -1);
        Int(SocketOption.InBatchSize, 8192, min: 1, flags: draft);
        Int(SocketOption.OutBatchSize, 8192, min: 1, flags: draft);

        // Identity, affinity.
        Bytes(SocketOption.RoutingId, 1, 255); // libzmq 4.3.4 accepts a leading zero byte (checked with python3-zmq)
        UInt64(SocketOption.Affinity, 0);

        // Timeouts and close.
        Int(SocketOption.Linger, -1, min: -1);
        Int(SocketOption.SndTimeo, -1, min: -1);
        Int(SocketOption.RcvTimeo, -1, min: -1);

        // Connection management.
        Bool(SocketOption.Immediate, false, BoolStrict);
        Int(SocketOption.ReconnectIvl, 100, min: -1);
        Int(SocketOption.ReconnectIvlMax, 0, min: 0);
        Int(SocketOption.ReconnectStop, 0, flags: draft); // a bit mask; libzmq accepts any int
        Int(SocketOption.Backlog, 100, min: 0);
        Int(SocketOption.HandshakeIvl, 30000, min: 0);

        // ZMTP heartbeats. The TTL travels in deciseconds, so at most 65535 * 100 ms.
        Int(SocketOption.HeartbeatIvl, 0, min: 0);
        // -99..-1 are accepted by libzmq 4.3.4 (checked): rounded toward zero to deciseconds, 0.
        Int(SocketOption.HeartbeatTtl, 0, min: -99, max: ushort.MaxValue * 100L + 99);
        Int(SocketOption.HeartbeatTimeout, -1, min: 0);

        // Application metadata exchanged in the handshake: "X-key:value", one property per set.
        Text(SocketOption.Metadata, 1, int.MaxValue, OptionAccess.Set, OptionFlags.Accumulate | draft);

        // Read-only state the socket reports itself.
        Computed(SocketOption.RcvMore, OptionKind.Bool);
        Computed(SocketOption.Fd, OptionKind.Int32);
        Computed(SocketOption.Events, OptionKind.Int32);
        Computed(SocketOption.Type, OptionKind.Int32);
        Computed(SocketOption.LastEndpoint, OptionKind.String);
        Computed(SocketOption.ThreadSafe, OptionKind.Bool);
        Computed(SocketOption.TopicsCount, OptionKind.Int32, draft);
    }
}
