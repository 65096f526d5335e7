namespace Zinc.Security.Zap;

/// <summary>How reading a ZAP reply went.</summary>
internal enum ZapAnswerStatus : byte
{
    /// <summary>Nothing to read yet.</summary>
    Pending,
    /// <summary>A well-formed reply; see its status code.</summary>
    Received,
    /// <summary>The reply broke rfc 27; <see cref="ZapAnswer.ProtocolError"/> says how.</summary>
    Malformed,
    /// <summary>The handler closed the link without replying.</summary>
    HandlerGone,
}

/// <summary>A ZAP handler's answer as the engine's ZAP client reads it (rfc 27): status 200/300/400/500, the user id and metadata.</summary>
internal readonly record struct ZapAnswer(int StatusCode, string StatusText, string UserId, Dictionary<string, byte[]>? Metadata, int ProtocolError)
{
    /// <summary>
    /// Checks the reply frames as libzmq does: an empty delimiter, version "1.0", our request id,
    /// a status code of 200/300/400/500, the status text, the user id and well-formed metadata.
    /// </summary>
    public static ZapAnswerStatus Parse(List<byte[]> frames, ReadOnlySpan<byte> requestId, out ZapAnswer reply)
    {
        reply = default;
        if (frames.Count != 7 || frames[0].Length != 0) return Malformed(Security.ProtocolError.ZapMalformedReply, out reply);
        if (!frames[1].AsSpan().SequenceEqual("1.0"u8)) return Malformed(Security.ProtocolError.ZapBadVersion, out reply);
        if (!frames[2].AsSpan().SequenceEqual(requestId)) return Malformed(Security.ProtocolError.ZapBadRequestId, out reply);
        ReadOnlySpan<byte> status = frames[3];
        if (status.Length != 3 || status[0] is < (byte)'2' or > (byte)'5' || status[1] != '0' || status[2] != '0')
            return Malformed(Security.ProtocolError.ZapInvalidStatusCode, out reply);
        Dictionary<string, byte[]>? metadata = null;
        if (frames[6].Length > 0 && !Protocol.ZmtpCommand.TryParseMetadata(frames[6], out metadata, allowEmptyNames: true))
            return Malformed(Security.ProtocolError.ZapInvalidMetadata, out reply);
        reply = new ZapAnswer((status[0] - '0') * 100, System.Text.Encoding.UTF8.GetString(frames[4]),
            System.Text.Encoding.UTF8.GetString(frames[5]), metadata, 0);
        return ZapAnswerStatus.Received;
    }

    private static ZapAnswerStatus Malformed(int error, out ZapAnswer reply)
    {
        reply = new ZapAnswer(0, "", "", null, error);
        return ZapAnswerStatus.Malformed;
    }
}
