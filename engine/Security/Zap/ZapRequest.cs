using System.Text;

namespace Zinc;

/// <summary>
/// A ZAP authentication request (RFC 27) as a handler sees it, after the version check. Strings
/// are the frames decoded as UTF-8 (RFC 27 makes them ASCII); credentials are the raw frames.
/// </summary>
public sealed record ZapRequest
{
    /// <summary>The mechanism name of a request without credentials.</summary>
    public const string NullMechanism = "NULL";

    /// <summary>The mechanism name of a username/password request.</summary>
    public const string PlainMechanism = "PLAIN";

    /// <summary>The mechanism name of a public-key request.</summary>
    public const string CurveMechanism = "CURVE";

    /// <summary>The server's opaque request id, echoed in the reply.</summary>
    public required byte[] RequestId { get; init; }

    /// <summary>The ZAP domain the server asked for (its ZMQ_ZAP_DOMAIN; may be empty).</summary>
    public required string Domain { get; init; }

    /// <summary>The peer's address: an IPv4 dotted or IPv6 string for tcp.</summary>
    public required string Address { get; init; }

    /// <summary>The connection's routing id (the RFC's "identity"), possibly empty.</summary>
    public required byte[] RoutingId { get; init; }

    /// <summary>"NULL", "PLAIN", "CURVE" or another mechanism name.</summary>
    public required string Mechanism { get; init; }

    /// <summary>The credential frames: none for NULL, username and password for PLAIN, the 32-byte client key for CURVE.</summary>
    public required IReadOnlyList<byte[]> Credentials { get; init; }

    /// <summary>The PLAIN username, or null for other mechanisms.</summary>
    public string? Username => IsPlain ? Encoding.UTF8.GetString(Credentials[0]) : null;

    /// <summary>The PLAIN password, or null for other mechanisms.</summary>
    public string? Password => IsPlain ? Encoding.UTF8.GetString(Credentials[1]) : null;

    /// <summary>The CURVE client's 32-byte long-term public key, or null for other mechanisms.</summary>
    public byte[]? ClientKey => IsCurve ? Credentials[0] : null;

    /// <summary>The CURVE client key as 40 Z85 characters, or null for other mechanisms.</summary>
    public string? ClientKeyZ85 => IsCurve ? Z85.Encode(Credentials[0]) : null;

    private bool IsPlain => Mechanism == PlainMechanism && Credentials.Count == 2;

    private bool IsCurve => Mechanism == CurveMechanism && Credentials.Count == 1 && Credentials[0].Length == 32;
}
