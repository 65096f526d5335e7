using System.Diagnostics;
using Zinc.Tests.Security;

namespace Zinc.Tests.Interop;

/// <summary>
/// A Zinc socket for the security interop tests: its own context, an optional ZAP handler in that
/// context (bound before the socket binds or connects), and a monitor attached from the start.
/// </summary>
internal sealed class ZincPeer : IDisposable
{
    public ZincPeer(SocketType type, Func<Context, ZapHandler>? zap = null, Action<Socket>? configure = null)
    {
        Context = new Context();
        try
        {
            Zap = zap?.Invoke(Context);
            End = new ZincEnd(Context, type);
            Monitor = new ZincMonitor(Context, End.Socket);
            configure?.Invoke(End.Socket);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Context Context { get; }

    public ZapHandler? Zap { get; }

    public ZincEnd End { get; } = null!;

    public ZincMonitor Monitor { get; } = null!;

    public Socket Socket => End.Socket;

    public string Endpoint => End.Endpoint;

    public ZincPeer Bind(string endpoint)
    {
        Socket.Bind(endpoint);
        End.BoundEndpoint = End.Endpoint;
        return this;
    }

    public ZincPeer Connect(string endpoint)
    {
        Socket.Connect(endpoint);
        return this;
    }

    public void Dispose()
    {
        Monitor?.Dispose();
        End?.Dispose();
        Zap?.Dispose();
        Context.Dispose();
    }
}

internal static class SecurityInterop
{
    public const string User = "admin", Password = "secret";

    public static TheoryData<string> TransportNames() => new() { "tcp", "ipc" };

    public static string Hex(byte[] bytes) => "x:" + Convert.ToHexString(bytes);

    public static void PlainServer(Socket socket) => socket.SetOption(SocketOption.PlainServer, true);

    public static Action<Socket> PlainClient(string user = User, string password = Password) => socket =>
    {
        socket.SetOption(SocketOption.PlainUsername, user);
        socket.SetOption(SocketOption.PlainPassword, password);
    };

    public static string[] LibzmqPlainClient(string user = User, string password = Password) =>
        ["PLAIN_USERNAME=s:" + user, "PLAIN_PASSWORD=s:" + password];

    public static Action<Socket> CurveServer(CurveKeyPair server) => socket =>
    {
        socket.SetOption(SocketOption.CurveServer, true);
        socket.SetOption(SocketOption.CurveSecretKey, server.SecretKey);
    };

    public static Action<Socket> CurveClient(byte[] serverKey, CurveKeyPair client) => socket =>
    {
        socket.SetOption(SocketOption.CurveServerKey, serverKey);
        socket.SetOption(SocketOption.CurvePublicKey, client.PublicKey);
        socket.SetOption(SocketOption.CurveSecretKey, client.SecretKey);
    };

    public static string[] LibzmqCurveServer(CurveKeyPair server) => ["CURVE_SERVER=1", "CURVE_SECRETKEY=" + Hex(server.SecretKey)];

    public static string[] LibzmqCurveClient(byte[] serverKey, CurveKeyPair client) =>
        ["CURVE_SERVERKEY=" + Hex(serverKey), "CURVE_PUBLICKEY=" + Hex(client.PublicKey), "CURVE_SECRETKEY=" + Hex(client.SecretKey)];

    /// <summary>The libzmq endpoint a Zinc-bound endpoint is reached at (the same string).</summary>
    public static bool IsTcp(string transport) => transport == "tcp";

    /// <summary>Fails the test if libzmq reports an event named <paramref name="name"/> within <paramref name="windowMs"/> (checks an absence, e.g. no reconnection).</summary>
    public static void AssertNoEvent(LibzmqPeer lib, string name, int windowMs)
    {
        var clock = Stopwatch.StartNew();
        var seen = new List<string>();
        while (clock.ElapsedMilliseconds < windowMs)
        {
            var ev = lib.NextEvent((int)Math.Max(1, windowMs - clock.ElapsedMilliseconds));
            if (ev is null) return;
            seen.Add($"{ev.Value.Name}({ev.Value.Value})");
            Assert.False(ev.Value.Name == name, $"libzmq reported {name}; saw: {string.Join(", ", seen)}");
        }
    }

    /// <summary>Waits for libzmq's next handshake outcome; returns its name and value (null when none came).</summary>
    public static (string Name, int Value)? NextHandshakeOutcome(LibzmqPeer lib, int timeoutMs = Interop.WaitMs)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            var ev = lib.NextEvent((int)Math.Max(1, timeoutMs - clock.ElapsedMilliseconds));
            if (ev is null) return null;
            if (ev.Value.Name.StartsWith("HANDSHAKE_", StringComparison.Ordinal)) return (ev.Value.Name, ev.Value.Value);
        }
        return null;
    }

    /// <summary>Sends message i of a <see cref="LibzmqPeer.SequenceMessage"/> sequence from a Zinc socket, for <paramref name="count"/> messages.</summary>
    public static void SendSequence(Socket socket, int count, int size)
    {
        for (int i = 0; i < count; i++) socket.Send(LibzmqPeer.SequenceMessage(i, size));
    }

    public static void RecvSequence(Socket socket, int count, int size)
    {
        socket.SetOption(SocketOption.RcvTimeo, Interop.WaitMs);
        for (int i = 0; i < count; i++)
        {
            Assert.True(socket.TryReceiveBytes(out byte[] got), $"message {i} of {count} did not arrive");
            Assert.False(socket.HasMore);
            if (!got.AsSpan().SequenceEqual(LibzmqPeer.SequenceMessage(i, size))) Assert.Fail($"message {i} of {count} is not the one sent");
        }
    }
}
