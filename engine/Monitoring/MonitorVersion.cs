namespace Zinc.Monitoring;

/// <summary>
/// The event formats of zmq_socket_monitor_versioned. libzmq accepts any number and sends
/// events only for the two it knows; <see cref="SocketMonitor"/> does the same.
/// </summary>
internal static class MonitorVersion
{
    /// <summary>Two frames: uint16 event + uint32 value (6 bytes), then one endpoint.</summary>
    public const int V1 = 1;

    /// <summary>uint64 event, uint64 value count, that many uint64 values, local endpoint, remote endpoint.</summary>
    public const int V2 = 2;

    /// <summary>Version 1 reports the first 16 event bits only.</summary>
    public const ulong V1Events = 0xFFFF;
}
