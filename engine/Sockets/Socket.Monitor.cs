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
    public void Monitor(string? endpoint, SocketEvents events = SocketEvents.All)
    {
        ThrowIfClosed();
        if (endpoint is null)
        {
            StopMonitor();
            return;
        }
        Endpoint parsed = Core.Endpoint.Parse(endpoint);
        if (parsed.Transport != Transport.Inproc)
            throw new ZmqException(ZmqError.EPROTONOSUPPORT, "a monitor endpoint must be inproc://");
        // libzmq stops the old monitor before starting the new one, even if the new bind then fails.
        StopMonitor();
        _monitor = SocketMonitor.Start(Context, endpoint, events);
    }

    /// <summary>Reports an event to the monitor, if any; callable from any thread, never blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EmitEvent(SocketEvents e, int value, string endpoint) => _monitor?.Emit(e, value, endpoint);

    private void StopMonitor()
    {
        SocketMonitor? monitor = _monitor;
        if (monitor is null) return;
        _monitor = null;
        monitor.Stop();
    }
}
