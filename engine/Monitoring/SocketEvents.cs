namespace Zinc;

/// <summary>
/// The events a socket monitor reports (zmq_socket_monitor's ZMQ_EVENT_* bits, libzmq 4.3.4
/// values). Each event on the wire carries one of these numbers in its first frame.
/// </summary>
[Flags]
public enum SocketEvents : ushort
{
    /// <summary>No event: a mask that selects nothing.</summary>
    None = 0,

    /// <summary>ZMQ_EVENT_CONNECTED: a connection to a peer is established; the value is its descriptor.</summary>
    Connected = 0x0001,

    /// <summary>ZMQ_EVENT_CONNECT_DELAYED: a synchronous connect did not complete and is being polled; no value.</summary>
    ConnectDelayed = 0x0002,

    /// <summary>ZMQ_EVENT_CONNECT_RETRIED: a reconnect is scheduled; the value is the interval in milliseconds.</summary>
    ConnectRetried = 0x0004,

    /// <summary>ZMQ_EVENT_LISTENING: the socket is bound and listening; the value is the listener's descriptor.</summary>
    Listening = 0x0008,

    /// <summary>ZMQ_EVENT_BIND_FAILED: a bind failed; the value is the errno.</summary>
    BindFailed = 0x0010,

    /// <summary>ZMQ_EVENT_ACCEPTED: a connection from a peer was accepted; the value is its descriptor.</summary>
    Accepted = 0x0020,

    /// <summary>ZMQ_EVENT_ACCEPT_FAILED: accepting a connection failed; the value is the errno.</summary>
    AcceptFailed = 0x0040,

    /// <summary>ZMQ_EVENT_CLOSED: a connection or listener was closed; the value is its descriptor.</summary>
    Closed = 0x0080,

    /// <summary>ZMQ_EVENT_CLOSE_FAILED: closing a descriptor failed; the value is the errno.</summary>
    CloseFailed = 0x0100,

    /// <summary>ZMQ_EVENT_DISCONNECTED: a session was broken unexpectedly; the value is its descriptor.</summary>
    Disconnected = 0x0200,

    /// <summary>ZMQ_EVENT_MONITOR_STOPPED: the monitor was stopped; the last event it sends (value 0, empty endpoint).</summary>
    MonitorStopped = 0x0400,

    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: a ZMTP handshake failed for an unspecified reason; the value is the errno.</summary>
    HandshakeFailedNoDetail = 0x0800,

    /// <summary>ZMQ_EVENT_HANDSHAKE_SUCCEEDED: the ZMTP handshake (security included) completed; value 0.</summary>
    HandshakeSucceeded = 0x1000,

    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: the peer broke the ZMTP protocol; the value is a ZMQ_PROTOCOL_ERROR_* code.</summary>
    HandshakeFailedProtocol = 0x2000,

    /// <summary>ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: the peer failed authentication; the value is the ZAP status code.</summary>
    HandshakeFailedAuth = 0x4000,

    /// <summary>ZMQ_EVENT_ALL: every event, including ones a later version may add.</summary>
    All = 0xFFFF,
}
