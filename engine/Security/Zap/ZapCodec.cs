using System.Text;

namespace Zinc.Security.Zap;

/// <summary>What a received ZAP message holds: a request, or the reason it is malformed (with the request id to echo).</summary>
/// <summary>
/// What a received ZAP message holds: a request, or why it is malformed: a short status text for
/// the reply and the detail for the log. The request id to echo is there either way.
/// </summary>
internal readonly record struct ZapParseResult(ZapRequest? Request, byte[] RequestId, string StatusText, string? Problem);

/// <summary>
/// RFC 27 framing for a handler on a ROUTER socket: the address envelope (routing ids up to and
/// including the empty delimiter) is kept as it came and sent back in front of the reply, so
/// requests that passed through proxies find their way back.
/// </summary>
internal static class ZapCodec
{
    public const string Version = "1.0";

    // version, request id, domain, address, routing id, mechanism
    private const int FixedFrames = 6;

    /// <summary>Index of the first frame after the empty delimiter, or -1 when there is none (nothing to reply to).</summary>
    public static int BodyStart(IReadOnlyList<byte[]> frames)
    {
        for (int i = 0; i < frames.Count; i++)
            if (frames[i].Length == 0) return i + 1;
        return -1;
    }

    public static ZapParseResult Parse(IReadOnlyList<byte[]> frames, int bodyStart)
    {
        int count = frames.Count - bodyStart;
        byte[] requestId = count >= 2 ? frames[bodyStart + 1] : [];
        if (count < 2) return Malformed(requestId, TooFew(count));
        if (!frames[bodyStart].AsSpan().SequenceEqual("1.0"u8))
            return new ZapParseResult(null, requestId, "Unsupported ZAP version", $"version '{Text(frames[bodyStart])}', not {Version}");
        if (count < FixedFrames) return Malformed(requestId, TooFew(count));

        string mechanism = Text(frames[bodyStart + 5]);
        var credentials = new byte[count - FixedFrames][];
        for (int i = 0; i < credentials.Length; i++) credentials[i] = frames[bodyStart + FixedFrames + i];
        string? problem = CheckCredentials(mechanism, credentials);
        if (problem is not null) return Malformed(requestId, problem);

        var request = new ZapRequest
        {
            RequestId = requestId,
            Domain = Text(frames[bodyStart + 2]),
            Address = Text(frames[bodyStart + 3]),
            RoutingId = frames[bodyStart + 4],
            Mechanism = mechanism,
            Credentials = credentials,
        };
        return new ZapParseResult(request, requestId, "", null);
    }

    /// <summary>The reply message: the request's envelope, then version, request id, status, text, user id, metadata.</summary>
    public static List<byte[]> EncodeReply(IReadOnlyList<byte[]> frames, int bodyStart, byte[] requestId, ZapReply reply)
    {
        var message = new List<byte[]>(bodyStart + 6);
        for (int i = 0; i < bodyStart; i++) message.Add(frames[i]);
        message.Add(Encoding.ASCII.GetBytes(Version));
        message.Add(requestId);
        message.Add(Encoding.ASCII.GetBytes(reply.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        message.Add(Encoding.UTF8.GetBytes(reply.StatusText));
        message.Add(Encoding.UTF8.GetBytes(reply.UserId));
        message.Add(ZapMetadata.Encode(reply.Metadata));
        return message;
    }

    // RFC 27 fixes the credential frames of the three ZMTP mechanisms; others are opaque.
    private static string? CheckCredentials(string mechanism, byte[][] credentials) => mechanism switch
    {
        "" => "empty mechanism",
        ZapRequest.NullMechanism when credentials.Length != 0 => $"NULL with {credentials.Length} credential frames",
        ZapRequest.PlainMechanism when credentials.Length != 2 => $"PLAIN with {credentials.Length} credential frames, not 2",
        ZapRequest.CurveMechanism when credentials.Length != 1 || credentials[0].Length != 32 => "CURVE without exactly one 32-byte key",
        _ => null,
    };

    private static ZapParseResult Malformed(byte[] requestId, string problem) => new(null, requestId, "Malformed request", problem);

    private static string TooFew(int count) => $"{count} frames after the delimiter; a request has at least {FixedFrames}";

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);
}
