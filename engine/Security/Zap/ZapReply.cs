using System.Text;
using Zinc.Security.Zap;

namespace Zinc;

/// <summary>
/// A ZAP handler's answer (RFC 27): a status code (200 success, 300 temporary error, 400
/// authentication failure, 500 internal error), a status text, the user id (200 only) and
/// metadata the server attaches to the connection (ZMTP properties).
/// </summary>
public sealed class ZapReply
{
    private readonly Dictionary<string, byte[]> _metadata;

    private ZapReply(int statusCode, string statusText, string userId, Dictionary<string, byte[]> metadata)
    {
        CheckText(statusText, nameof(statusText));
        CheckText(userId, nameof(userId));
        StatusCode = statusCode;
        StatusText = statusText;
        UserId = userId;
        _metadata = metadata;
    }

    /// <summary>200, 300, 400 or 500.</summary>
    public int StatusCode { get; }

    /// <summary>Explains the status; may be empty.</summary>
    public string StatusText { get; }

    /// <summary>The authenticated user (empty unless the status is 200).</summary>
    public string UserId { get; }

    /// <summary>Properties returned to the server for the connection (empty unless the status is 200).</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata => _metadata;

    /// <summary>True for status 200.</summary>
    public bool IsSuccess => StatusCode == 200;

    /// <summary>200: the peer is authenticated as <paramref name="userId"/>.</summary>
    public static ZapReply Ok(string userId = "", string statusText = "OK") =>
        new(200, statusText, userId, NewMetadata());

    /// <summary>400: authentication failed.</summary>
    public static ZapReply Denied(string statusText = "Access denied") => new(400, statusText, "", NewMetadata());

    /// <summary>300: a temporary failure; the peer may try again.</summary>
    public static ZapReply TemporaryFailure(string statusText = "Try again later") => new(300, statusText, "", NewMetadata());

    /// <summary>500: the handler could not process the request.</summary>
    public static ZapReply InternalError(string statusText = "Internal error") => new(500, statusText, "", NewMetadata());

    /// <summary>
    /// A copy of this 200 reply with one more metadata property. <paramref name="name"/> follows the
    /// ZMTP rules: 1 to 255 of letters, digits and - _ . +.
    /// </summary>
    public ZapReply WithMetadata(string name, ReadOnlySpan<byte> value)
    {
        if (!IsSuccess) throw new InvalidOperationException("metadata is returned with a 200 reply only");
        if (!ZapMetadata.IsValidName(name)) throw new ArgumentException($"'{name}' is not a ZMTP property name", nameof(name));
        var metadata = new Dictionary<string, byte[]>(_metadata, StringComparer.Ordinal) { [name] = value.ToArray() };
        return new ZapReply(StatusCode, StatusText, UserId, metadata);
    }

    /// <summary>A copy of this 200 reply with one more metadata property, its value as UTF-8.</summary>
    public ZapReply WithMetadata(string name, string value) => WithMetadata(name, Encoding.UTF8.GetBytes(value));

    /// <inheritdoc/>
    public override string ToString() => $"{StatusCode} {StatusText}" + (UserId.Length > 0 ? $" (user '{UserId}')" : "");

    private static Dictionary<string, byte[]> NewMetadata() => new(StringComparer.Ordinal);

    // RFC 27 caps string fields at 255 characters of ASCII; UTF-8 is let through (a user name
    // from a PLAIN client is whatever bytes it sent) but the cap holds in bytes.
    private static void CheckText(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        if (Encoding.UTF8.GetByteCount(text) > 255) throw new ArgumentException($"{what} is longer than 255 bytes", what);
    }
}
