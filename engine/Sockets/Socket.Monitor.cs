using System.Runtime.CompilerServices;
using Zinc.Core;
using Zinc.Monitoring;

namespace Zinc;

// zmq_socket_monitor: events about this socket's connections go to a PAIR bound on an inproc
// endpoint. Transports call EmitEvent from IO threads; the monitor itself is thread-safe.
public sealed partial class Socket
{
    // Written only by the socket's thread (Monitor, Close); read by any emitting thread.
    private volatile SocketMonitor? _monitor;

    /// <summary>
    /// Starts monitoring this socket's events (zmq_socket_monitor): creates a PAIR socket bound to
    /// the inproc <paramref name="endpoint"/>, to which a PAIR of yours connects to read
    /// <see cref="MonitorEvent"/>s. A second call replaces the first monitor, stopping it; a null
    /// endpoint just stops the current one. Stopping sends <see cref="SocketEvents.MonitorStopped"/>
    /// if the mask selects it. Events are dropped while no reader is connected or its queue is full.
    /// </summary>
    /// <param name="endpoint">An inproc:// endpoint, or null to stop monitoring.</param>
    /// <param name="events">The events to report.</param>
    /// <exception cref="ZmqException">EPROTONOSUPPORT for a transport other than inproc, EINVAL for a
    /// malformed endpoint, EADDRINUSE if the endpoint is taken, ETERM after the context shut down.</exception>
    public void Monitor(string? endpoint, SocketEvents events = SocketEvents.All) =>
        Monitor(endpoint, (ulong)events, MonitorVersion.V1, SocketType.Pair);

    /// <summary>
    /// zmq_socket_monitor_versioned: like <see cref="Monitor(string?, SocketEvents)"/> with a
    /// 64-bit event mask, an event format (<see cref="MonitorVersion"/>) and the monitor socket's
    /// type (PAIR, PUB or PUSH). The checks come in libzmq's order: EINVAL for version 1 events
    /// beyond 16 bits; then, with an endpoint, EINVAL/EPROTONOSUPPORT for a malformed or
    /// non-inproc one; then the old monitor stops; then EINVAL for another socket type.
    /// </summary>
    internal void Monitor(string? endpoint, ulong events, int version, SocketType type)
    {
        // Like an option, not a call: libzmq processes no commands here, so a termination the
        // socket has not seen yet only shows when the context refuses the monitor socket.
        if (_closed) throw new ZmqException(ZmqError.ENOTSOCK);
        if (_stopped) throw new ZmqException(ZmqError.ETERM);
        if (version == MonitorVersion.V1 && (events & ~MonitorVersion.V1Events) != 0)
            throw new ZmqException(ZmqError.EINVAL, "event version 1 has 16 event bits");
        if (endpoint is null)
        {
            StopMonitor();
            return;
        }
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        if (parsed.Transport != Transport.Inproc)
            throw new ZmqException(ZmqError.EPROTONOSUPPORT, "a monitor endpoint must be inproc://");
        // libzmq stops the old monitor before starting the new one, even if the new one then fails.
        StopMonitor();
        if (type is not (SocketType.Pair or SocketType.Pub or SocketType.Push))
            throw new ZmqException(ZmqError.EINVAL, "a monitor socket is a PAIR, PUB or PUSH");
        _monitor = SocketMonitor.Start(Context, endpoint, events, version, type);
    }

    /// <summary>Whether a monitor is attached: lets callers skip preparing an event nobody reads.</summary>
    internal bool IsMonitored => _monitor is not null;

    /// <summary>Reports an event to the monitor, if any; callable from any thread, never blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EmitEvent(SocketEvents e, int value, in EndpointPair endpoints) => _monitor?.Emit(e, value, endpoints);

    /// <summary>An event about a bound endpoint (the only one a version 1 event carries).</summary>
    internal void EmitEvent(SocketEvents e, int value, string endpoint) => EmitEvent(e, value, EndpointPair.ForBind(endpoint));

    private void StopMonitor()
    {
        SocketMonitor? monitor = _monitor;
        if (monitor is null) return;
        _monitor = null;
        monitor.Stop();
    }
}
