namespace Zinc.Protocol;

/// <summary>The framing a connection speaks, settled by the greeting.</summary>
internal enum ZmtpVersion : byte
{
    /// <summary>ZMTP 1.0 (rfc 13): length-prefixed frames, identity first, no greeting.</summary>
    V1,
    /// <summary>ZMTP 2.0 (rfc 15): 12-byte greeting with a socket type, flags-first frames, identity first.</summary>
    V2,
    /// <summary>ZMTP 3.0 (rfc 23): mechanisms and commands; subscriptions travel as messages.</summary>
    V30,
    /// <summary>ZMTP 3.1 (rfc 37): adds SUBSCRIBE/CANCEL and PING/PONG commands.</summary>
    V31,
}
