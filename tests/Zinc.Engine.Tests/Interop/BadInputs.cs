namespace Zinc.Tests.Interop;

/// <summary>
/// Misbehaving clients, each written as raw bytes against a bound PULL that has MAXMSGSIZE 1024 and
/// HANDSHAKE_IVL 1000: libzmq closes the connection on every one of them, and so must Zinc.
/// </summary>
internal static class BadInputs
{
    public const int MaxMsgSize = 1024;
    public const int HandshakeIvl = 1000;

    /// <summary>The options a subject PULL gets, libzmq-style (see <see cref="Interop.Apply"/>).</summary>
    public static readonly string[] SubjectOptions = [$"MAXMSGSIZE={MaxMsgSize}", $"HANDSHAKE_IVL={HandshakeIvl}"];

    public static TheoryData<string> Names() => new(Cases.Keys);

    public static readonly Dictionary<string, Action<RawZmtpPeer>> Cases = new()
    {
        // Stalls mid-greeting: only the handshake timer can end it.
        ["truncated-greeting"] = raw => raw.Write(RawZmtpPeer.Greeting3().AsSpan(0, 20)),
        // Hangs up mid-greeting.
        ["truncated-greeting-eof"] = raw =>
        {
            raw.Write(RawZmtpPeer.Greeting3().AsSpan(0, 20));
            raw.ShutdownSend();
        },
        ["oversized-frame"] = raw =>
        {
            raw.Handshake3("PUSH");
            raw.Write(RawZmtpPeer.Frame(new byte[MaxMsgSize + 1]));
        },
        // A command the NULL mechanism does not know, where READY must come.
        ["nonsense-command"] = raw =>
        {
            raw.Write(RawZmtpPeer.Greeting3());
            raw.ReadGreeting3();
            raw.Write(RawZmtpPeer.Command("BOGUS", [1, 2, 3]));
        },
        // READY whose property claims more bytes than the command holds.
        ["malformed-ready"] = raw =>
        {
            raw.Write(RawZmtpPeer.Greeting3());
            raw.ReadGreeting3();
            raw.Write(RawZmtpPeer.Command("READY", [11, .. "Socket-Type"u8, 0, 0, 0, 200, (byte)'P']));
        },
        // Line noise; starts with the signature byte so it is judged as ZMTP, not as a 1.0 peer.
        ["random-bytes"] = raw =>
        {
            byte[] noise = new byte[16 * 1024];
            new Random(20240601).NextBytes(noise);
            noise[0] = 0xFF;
            raw.Write(noise);
        },
    };
}
