namespace Zinc.Core;

/// <summary>Transports an endpoint can name.</summary>
internal enum Transport
{
    Inproc,
    Tcp,
    Ipc,
    Udp,
    Pgm,
    Epgm,
    Tipc,
    Vmci,
    Ws,
    Wss,
    Norm,
}

/// <summary>A parsed "transport://address" endpoint.</summary>
internal readonly record struct Endpoint(Transport Transport, string Address)
{
    /// <summary>Parses an endpoint: EINVAL when malformed, EPROTONOSUPPORT for an unknown transport.</summary>
    public static Endpoint Parse(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        int separator = endpoint.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0) throw new ZmqException(ZmqError.EINVAL, $"malformed endpoint '{endpoint}'");
        string scheme = endpoint.Substring(0, separator);
        string address = endpoint.Substring(separator + 3);
        Transport transport = scheme switch
        {
            "inproc" => Transport.Inproc,
            "tcp" => Transport.Tcp,
            "ipc" => Transport.Ipc,
            "udp" => Transport.Udp,
            "pgm" => Transport.Pgm,
            "epgm" => Transport.Epgm,
            "tipc" => Transport.Tipc,
            "vmci" => Transport.Vmci,
            "ws" => Transport.Ws,
            "wss" => Transport.Wss,
            "norm" => Transport.Norm,
            _ => throw new ZmqException(ZmqError.EPROTONOSUPPORT, $"unknown transport '{scheme}'"),
        };
        if (address.Length == 0) throw new ZmqException(ZmqError.EINVAL, $"endpoint '{endpoint}' has no address");
        return new Endpoint(transport, address);
    }

    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}://{Address}";
}
