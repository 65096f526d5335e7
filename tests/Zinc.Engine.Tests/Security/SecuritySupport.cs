global using ProtocolError = Zinc.Security.ProtocolError;
using System.Net.Sockets;
using System.Text;
using Zinc.Tests.Interop;

namespace Zinc.Tests.Security;

/// <summary>Names a ZMQ_PROTOCOL_ERROR_* value (the engine's <see cref="Zinc.Security.ProtocolError"/>) for failure messages.</summary>
internal static class ProtocolErrorNames
{
    public static string Name(int value) => typeof(Zinc.Security.ProtocolError).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .FirstOrDefault(f => f.IsLiteral && (int)f.GetRawConstantValue()! == value)?.Name ?? $"0x{value:X8}";
}

internal static class SecuritySupport
{
    public const int WaitMs = Interop.Interop.WaitMs;

    /// <summary>The handshake outcomes a monitor reports.</summary>
    public const SocketEvents HandshakeFailures =
        SocketEvents.HandshakeFailedProtocol | SocketEvents.HandshakeFailedAuth | SocketEvents.HandshakeFailedNoDetail;

    public const SocketEvents HandshakeOutcomes = HandshakeFailures | SocketEvents.HandshakeSucceeded;

    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public static string S(byte[] frame) => Encoding.UTF8.GetString(frame);

    /// <summary>A libzmq monitor event name (HANDSHAKE_FAILED_AUTH) as Zinc's <see cref="SocketEvents"/>.</summary>
    public static SocketEvents EventOf(string libzmqName) => Enum.Parse<SocketEvents>(libzmqName.Replace("_", ""), ignoreCase: true);

    /// <summary>
    /// Receives one message from a Zinc socket and reads <paramref name="names"/> from its last frame
    /// with Msg.GetProperty (zmq_msg_gets); null when nothing arrives within <paramref name="timeoutMs"/>.
    /// </summary>
    public static (byte[][] Frames, Dictionary<string, string?> Properties)? TryReceiveWithProperties(Socket socket, int timeoutMs, params string[] names)
    {
        socket.SetOption(SocketOption.RcvTimeo, timeoutMs);
        Msg msg = default;
        if (!socket.TryReceive(ref msg)) return null;
        try
        {
            var frames = new List<byte[]> { msg.ToArray() };
            while (msg.HasMore)
            {
                socket.Receive(ref msg);
                frames.Add(msg.ToArray());
            }
            var props = new Dictionary<string, string?>();
            foreach (string name in names) props[name] = msg.GetProperty(name);
            return (frames.ToArray(), props);
        }
        finally
        {
            msg.Close();
        }
    }

    public static (byte[][] Frames, Dictionary<string, string?> Properties) ReceiveWithProperties(Socket socket, params string[] names) =>
        TryReceiveWithProperties(socket, WaitMs, names) ?? throw new Xunit.Sdk.XunitException("nothing arrived within the wait");

    /// <summary>Writes, ignoring a connection the other side has already closed or reset.</summary>
    public static void TryWrite(RawZmtpPeer raw, byte[] bytes)
    {
        try
        {
            raw.Write(bytes);
        }
        catch (SocketException)
        {
            // the server already dropped us: exactly what these tests want
        }
    }

    /// <summary>Waits for the next handshake failure on a Zinc monitor (skipping HandshakeSucceeded and the rest); fails the test if none comes.</summary>
    public static MonitorEvent ExpectFailure(ZincMonitor monitor, SocketEvents expected, int? value = null, int timeoutMs = WaitMs)
    {
        MonitorEvent? ev = monitor.WaitFor(HandshakeFailures, timeoutMs);
        Assert.True(ev is not null, $"no handshake failure event within {timeoutMs} ms; saw: {monitor.Describe()}");
        Assert.True(ev.Value.Event == expected && (value is null || ev.Value.Value == value),
            $"expected {expected}({Describe(expected, value)}), got {ev.Value.Event}({Describe(ev.Value.Event, ev.Value.Value)}); saw: {monitor.Describe()}");
        return ev.Value;
    }

    /// <summary>Waits for HandshakeSucceeded; fails the test on a handshake failure or when nothing comes.</summary>
    public static void ExpectSucceeded(ZincMonitor monitor, int timeoutMs = WaitMs)
    {
        MonitorEvent? ev = monitor.WaitFor(HandshakeOutcomes, timeoutMs);
        Assert.True(ev?.Event == SocketEvents.HandshakeSucceeded, $"handshake did not succeed; saw: {monitor.Describe()}");
    }

    /// <summary>Waits for the next handshake failure a libzmq peer (MONITOR=1) reports, skipping other events; fails the test if none comes.</summary>
    public static (string Name, int Value) ExpectFailure(LibzmqPeer lib, string expected, int? value = null, int timeoutMs = WaitMs)
    {
        var seen = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            var ev = lib.NextEvent((int)Math.Max(1, timeoutMs - clock.ElapsedMilliseconds));
            if (ev is null) break;
            seen.Add($"{ev.Value.Name}({ev.Value.Value})");
            if (!ev.Value.Name.StartsWith("HANDSHAKE_FAILED", StringComparison.Ordinal)) continue;
            Assert.True(ev.Value.Name == expected && (value is null || ev.Value.Value == value),
                $"libzmq: expected {expected}({Describe(EventOf(expected), value)}), got {ev.Value.Name}({Describe(EventOf(ev.Value.Name), ev.Value.Value)}); saw: {string.Join(", ", seen)}");
            return (ev.Value.Name, ev.Value.Value);
        }
        throw new Xunit.Sdk.XunitException($"libzmq reported no handshake failure within {timeoutMs} ms; saw: {string.Join(", ", seen)}");
    }

    public static void ExpectSucceeded(LibzmqPeer lib, int timeoutMs = WaitMs)
    {
        var seen = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            var ev = lib.NextEvent((int)Math.Max(1, timeoutMs - clock.ElapsedMilliseconds));
            if (ev is null) break;
            seen.Add($"{ev.Value.Name}({ev.Value.Value})");
            if (ev.Value.Name == "HANDSHAKE_SUCCEEDED") return;
            if (ev.Value.Name.StartsWith("HANDSHAKE_FAILED", StringComparison.Ordinal)) break;
        }
        throw new Xunit.Sdk.XunitException($"libzmq handshake did not succeed; saw: {string.Join(", ", seen)}");
    }

    private static string Describe(SocketEvents ev, int? value) =>
        value is null ? "any" : ev == SocketEvents.HandshakeFailedProtocol ? ProtocolErrorNames.Name(value.Value) : value.Value.ToString();
}
