namespace Zinc.Monitoring;

/// <summary>
/// The endpoints a monitor event concerns, as libzmq keeps them: the local and the remote one
/// (either may be empty) and which side the socket is on. Version 2 events carry both; version
/// 1 carries one, the <see cref="Identifier"/>: the local endpoint for a bound socket's events,
/// the remote one for a connecting socket's.
/// </summary>
internal readonly record struct EndpointPair(string Local, string Remote, bool Bound)
{
    /// <summary>No endpoint at all (MONITOR_STOPPED).</summary>
    public static EndpointPair None => new("", "", Bound: true);

    /// <summary>A listener's events (LISTENING, ACCEPTED, CLOSED...): the local endpoint only.</summary>
    public static EndpointPair ForBind(string local) => new(local, "", Bound: true);

    /// <summary>A connecter's events (CONNECTED, CONNECT_RETRIED...): the remote endpoint only.</summary>
    public static EndpointPair ForConnect(string remote) => new("", remote, Bound: false);

    /// <summary>The one endpoint a version 1 event carries.</summary>
    public string Identifier => Bound ? Local : Remote;
}
