using Zinc.Pipes;

namespace Zinc.Protocol;

/// <summary>Why a connection's engine stopped.</summary>
internal enum EngineEnd : byte
{
    /// <summary>The peer closed or the connection failed after the handshake (a raw connection: at any time).</summary>
    Disconnected,
    /// <summary>The handshake failed for no specific reason (a timeout, the peer closed during it).</summary>
    HandshakeFailed,
    /// <summary>The peer broke the protocol during the handshake (bad greeting, wrong socket type).</summary>
    HandshakeProtocol,
    /// <summary>The peer was refused by the security mechanism.</summary>
    HandshakeAuth,
    /// <summary>Our side finished: the socket closed its end and everything was written.</summary>
    Finished,
}

/// <summary>
/// The socket-facing side of a connection: it owns the pipe to the socket across reconnects
/// and decides what happens when an engine ends. Called on the engine's loop thread.
/// </summary>
internal interface IEngineSession
{
    /// <summary>A snapshot of the socket's options taken at bind/connect time.</summary>
    SocketOptions Options { get; }

    SocketType SocketType { get; }

    /// <summary>The context's inproc names, where the ZAP handler is found.</summary>
    Core.InprocRegistry Inproc { get; }

    /// <summary>The endpoint monitor events name.</summary>
    string EventEndpoint { get; }

    /// <summary>
    /// The handshake succeeded; returns the session end of the pipe the engine should pump, or
    /// null to refuse the peer (the engine then closes).
    /// </summary>
    Pipe? OnHandshakeSucceeded(IConnectionEngine engine, byte[]? peerRoutingId);

    /// <summary>
    /// A raw connection (STREAM socket) is up: there is no handshake, so no handshake event.
    /// Returns the session end of the pipe, or null if the session is going away.
    /// </summary>
    Pipe? OnRawConnected(IConnectionEngine engine);

    void OnEngineEnded(IConnectionEngine engine, EngineEnd end, int errno);

    /// <summary>The engine's pipe has data or credit again (a wake-up from the socket's thread).</summary>
    bool OutboundMidMessage { get; set; }
}
