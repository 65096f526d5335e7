namespace Zinc.Security;

/// <summary>
/// The values a HANDSHAKE_FAILED_PROTOCOL monitor event carries (zmq.h's ZMQ_PROTOCOL_ERROR_*,
/// libzmq 4.3.4), so tools written for libzmq read Zinc's events the same way.
/// </summary>
internal static class ProtocolError
{
    public const int ZmtpUnspecified = 0x10000000;
    public const int UnexpectedCommand = 0x10000001;
    public const int InvalidSequence = 0x10000002;
    public const int KeyExchange = 0x10000003;
    public const int MalformedCommandUnspecified = 0x10000011;
    public const int MalformedCommandMessage = 0x10000012;
    public const int MalformedCommandHello = 0x10000013;
    public const int MalformedCommandInitiate = 0x10000014;
    public const int MalformedCommandError = 0x10000015;
    public const int MalformedCommandReady = 0x10000016;
    public const int MalformedCommandWelcome = 0x10000017;
    public const int InvalidMetadata = 0x10000018;
    public const int Cryptographic = 0x11000001;
    public const int MechanismMismatch = 0x11000002;
    public const int ZapUnspecified = 0x20000000;
    public const int ZapMalformedReply = 0x20000001;
    public const int ZapBadRequestId = 0x20000002;
    public const int ZapBadVersion = 0x20000003;
    public const int ZapInvalidStatusCode = 0x20000004;
    public const int ZapInvalidMetadata = 0x20000005;
}
