using System.Buffers.Binary;
using System.Text;
using Zinc.Monitoring;

namespace Zinc;

/// <summary>
/// One event read from a socket monitor (see <see cref="Socket.Monitor(string?, SocketEvents)"/>): the event, its value
/// (a descriptor, errno, interval... depending on the event) and the endpoint it concerns.
/// </summary>
/// <param name="Event">The event number from the first frame.</param>
/// <param name="Value">The 32-bit value from the first frame.</param>
/// <param name="Endpoint">The endpoint from the second frame (empty for <see cref="SocketEvents.MonitorStopped"/>).</param>
public readonly record struct MonitorEvent(SocketEvents Event, int Value, string Endpoint)
{
    /// <summary>
    /// Reads the next event from the PAIR socket connected to a monitor endpoint, waiting as its
    /// RCVTIMEO allows; false if none arrived in time (EAGAIN).
    /// </summary>
    /// <param name="pair">Your PAIR socket, connected to the monitor's endpoint.</param>
    /// <param name="ev">The event read, or default when false is returned.</param>
    /// <exception cref="ZmqException">EINVAL when the message is not a monitor event; other receive errors (ETERM...).</exception>
    public static bool TryReceive(Socket pair, out MonitorEvent ev)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ev = default;
        if (!pair.TryReceiveBytes(out byte[] header)) return false;
        if (header.Length != SocketMonitor.HeaderSize || !pair.HasMore) Malformed(pair, "first frame is not 6 bytes followed by an endpoint");
        // The endpoint frame was flushed with the header, so this does not wait.
        string endpoint = Encoding.UTF8.GetString(pair.ReceiveBytes());
        if (pair.HasMore) Malformed(pair, "more than two frames");
        ev = new MonitorEvent(
            (SocketEvents)BinaryPrimitives.ReadUInt16LittleEndian(header),
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(2)),
            endpoint);
        return true;
    }

    /// <summary>Reads the next event, throwing <see cref="ZmqException"/> (EAGAIN when RCVTIMEO elapses).</summary>
    /// <param name="pair">Your PAIR socket, connected to the monitor's endpoint.</param>
    public static MonitorEvent Receive(Socket pair) =>
        TryReceive(pair, out MonitorEvent ev) ? ev : throw new ZmqException(ZmqError.EAGAIN);

    // Skips the rest of the bad message so the next read starts on a message boundary.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Malformed(Socket pair, string detail)
    {
        while (pair.HasMore) pair.ReceiveBytes();
        throw new ZmqException(ZmqError.EINVAL, "not a monitor event: " + detail);
    }
}
