using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Zinc.Reactor.Native;

namespace Zinc.Transports.Tcp;

/// <summary>
/// tcp:// addresses as zmq_tcp(7) writes them: "host:port", "[v6]:port", "*:port", an
/// interface name for binds, port "*", "!" or 0 for an ephemeral port, and "src;dst" to
/// connect from a given source address.
/// </summary>
internal static class TcpAddress
{
    /// <summary>Splits "host:port" (the host may be a bracketed IPv6 literal); EINVAL when malformed.</summary>
    public static (string Host, int Port) Split(string address, bool allowEphemeral)
    {
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1) throw Invalid(address);
        string host = address[..colon];
        string port = address[(colon + 1)..];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Length == 0) throw Invalid(address);
        int number;
        if (port is "*" or "!") number = 0;
        else if (!int.TryParse(port, System.Globalization.NumberStyles.None, null, out number) || number > 65535) throw Invalid(address);
        if (number == 0 && !allowEphemeral) throw Invalid(address);
        return (host, number);
    }

    /// <summary>The local address to bind: "*" (any), an IP literal, an interface name, or a host name.</summary>
    public static SockAddr ResolveBind(string address, bool ipv6)
    {
        (string host, int port) = Split(address, allowEphemeral: true);
        return SockAddr.FromIp(ResolveLocalHost(host, ipv6), port);
    }

    /// <summary>The peer to connect to and, for "src;dst", the source to bind first.</summary>
    public static (SockAddr? Source, SockAddr Destination) ResolveConnect(string address, bool ipv6)
    {
        string destination = address;
        SockAddr? source = null;
        int separator = address.IndexOf(';');
        if (separator >= 0)
        {
            destination = address[(separator + 1)..];
            string src = address[..separator];
            // The source may leave out the port ("eth0", "10.0.0.1") or give 0 for any.
            (string host, int port) = src.Contains(':') && !src.EndsWith(']') && (src.StartsWith('[') || src.Count(c => c == ':') == 1)
                ? Split(src, allowEphemeral: true)
                : (src.Trim('[', ']'), 0);
            source = SockAddr.FromIp(ResolveLocalHost(host, ipv6), port);
        }
        (string peerHost, int peerPort) = Split(destination, allowEphemeral: false);
        IPAddress ip = ResolvePeerHost(peerHost, ipv6);
        if (source is { } s && s.Family != (ip.AddressFamily == AddressFamily.InterNetworkV6 ? LibC.AF_INET6 : LibC.AF_INET))
        {
            // Keep both ends in one family: an IPv4 source with an IPv6 peer cannot work.
            if (ip.AddressFamily == AddressFamily.InterNetworkV6 && s.Ip is { } sip) source = SockAddr.FromIp(sip.MapToIPv6(), s.Port);
        }
        return (source, SockAddr.FromIp(ip, peerPort));
    }

    /// <summary>
    /// "ip:port" (as a listener reports its address) for an address resolved as a peer would be:
    /// a host name or literal and a numeric port. Null when it does not resolve so: "*" as host or
    /// port, an interface name, an unknown host. zmq_unbind tries this form as libzmq does.
    /// </summary>
    public static string? TryResolvePeer(string address, bool ipv6)
    {
        if (address.EndsWith(":*") || address.EndsWith(":!")) return null;
        try
        {
            (string host, int port) = Split(address, allowEphemeral: true);
            return host == "*" ? null : SockAddr.FromIp(ResolvePeerHost(host, ipv6), port).ToString();
        }
        catch (ZmqException)
        {
            return null;
        }
    }

    /// <summary>True when connecting to <paramref name="address"/> needs a name lookup (a host name, not an IP literal).</summary>
    public static bool NeedsLookup(string address)
    {
        int separator = address.IndexOf(';');
        string destination = separator >= 0 ? address[(separator + 1)..] : address;
        (string host, _) = Split(destination, allowEphemeral: false);
        return !IPAddress.TryParse(host, out _);
    }

    /// <summary>Checks the syntax only (zmq_connect reports bad addresses at once; names are resolved later).</summary>
    public static void Validate(string address)
    {
        int separator = address.IndexOf(';');
        Split(separator >= 0 ? address[(separator + 1)..] : address, allowEphemeral: false);
    }

    private static IPAddress ResolveLocalHost(string host, bool ipv6)
    {
        if (host == "*") return ipv6 ? IPAddress.IPv6Any : IPAddress.Any;
        if (IPAddress.TryParse(host, out IPAddress? literal)) return literal;
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.Name != host) continue;
            foreach (UnicastIPAddressInformation unicast in nic.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork || ipv6) return unicast.Address;
            }
        }
        return ResolvePeerHost(host, ipv6, ZmqError.ENODEV);
    }

    private static IPAddress ResolvePeerHost(string host, bool ipv6, ZmqError error = ZmqError.EINVAL)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal)) return literal;
        IPAddress[] found;
        try
        {
            found = Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            throw new ZmqException(error, $"cannot resolve '{host}'");
        }
        foreach (IPAddress ip in found)
        {
            if (ip.AddressFamily == AddressFamily.InterNetwork) return ip;
        }
        foreach (IPAddress ip in found)
        {
            if (ipv6 && ip.AddressFamily == AddressFamily.InterNetworkV6) return ip;
        }
        throw new ZmqException(error, $"'{host}' has no usable address");
    }

    private static ZmqException Invalid(string address) => new(ZmqError.EINVAL, $"invalid tcp address '{address}'");
}
