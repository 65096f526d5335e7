using System.Diagnostics;
using System.Text;

namespace Zinc.Tests.Interop;

/// <summary>One side of a link, Zinc or libzmq, so each exchange is written once for both.</summary>
internal interface IEnd : IDisposable
{
    /// <summary>The endpoint bound (port resolved) or connected.</summary>
    string Endpoint { get; }

    void Send(params byte[][] frames);

    /// <summary>The next message, or null after <paramref name="timeoutMs"/>.</summary>
    byte[][]? TryRecv(int timeoutMs);
}

/// <summary>A Zinc socket as an <see cref="IEnd"/>.</summary>
internal sealed class ZincEnd : IEnd
{
    public ZincEnd(Context context, SocketType type)
    {
        Socket = context.Create(type);
        Socket.SetOption(SocketOption.Linger, 0); // a dead libzmq peer must never hold up the test's Context.Dispose
    }

    public Socket Socket { get; }

    public string Endpoint => Socket.LastEndpoint;

    public void Send(params byte[][] frames) => Socket.SendMultipart(frames);

    public byte[][]? TryRecv(int timeoutMs)
    {
        Socket.SetOption(SocketOption.RcvTimeo, timeoutMs);
        if (!Socket.TryReceiveBytes(out byte[] first)) return null;
        var frames = new List<byte[]> { first };
        while (Socket.HasMore) frames.Add(Socket.ReceiveBytes());
        return frames.ToArray();
    }

    /// <summary>An ipc file this end bound, removed on dispose (closing the socket leaves it, as in libzmq).</summary>
    public string? BoundEndpoint { get; set; }

    public void Dispose()
    {
        Socket.Dispose();
        if (BoundEndpoint is not null) Interop.DeleteIpcFile(BoundEndpoint);
    }
}

internal static class Interop
{
    public const int WaitMs = 5000;

    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public static string S(byte[] frame) => Encoding.UTF8.GetString(frame);

    /// <summary>An endpoint to bind: an ephemeral tcp port, or a fresh ipc path under the temp directory.</summary>
    public static string BindEndpoint(string transport) => transport switch
    {
        "tcp" => "tcp://127.0.0.1:*",
        "ipc" => $"ipc://{Path.Combine(Path.GetTempPath(), $"zinc-{Guid.NewGuid():N}.sock")}",
        _ => throw new ArgumentException(transport),
    };

    /// <summary>Removes the socket file of an ipc:///path endpoint (not of ipc://@abstract ones, nor tcp).</summary>
    public static void DeleteIpcFile(string endpoint)
    {
        if (endpoint.StartsWith("ipc:///", StringComparison.Ordinal)) File.Delete(endpoint["ipc://".Length..]);
    }

    /// <summary>Makes one side; <paramref name="options"/> are libzmq-style NAME=int or NAME=x:hex, mapped to SocketOption for Zinc.</summary>
    public static IEnd Make(Context context, bool zinc, SocketType type, bool bind, string endpoint, params string[] options)
    {
        if (!zinc)
        {
            string name = type.ToString().ToUpperInvariant();
            return bind ? LibzmqPeer.Bind(name, endpoint, options) : LibzmqPeer.Connect(name, endpoint, options);
        }
        var end = new ZincEnd(context, type);
        try
        {
            foreach (string option in options) Apply(end.Socket, option);
            if (bind)
            {
                end.Socket.Bind(endpoint);
                end.BoundEndpoint = end.Endpoint;
            }
            else end.Socket.Connect(endpoint);
        }
        catch
        {
            end.Dispose();
            throw;
        }
        return end;
    }

    /// <summary>ROUTING_ID=x:4142 → SetOption(RoutingId, "AB"); PLAIN_USERNAME=s:admin → SetOption(PlainUsername, "admin"); HEARTBEAT_IVL=100 → SetOption(HeartbeatIvl, 100).</summary>
    public static void Apply(Socket socket, string option)
    {
        string[] parts = option.Split('=', 2);
        var which = Enum.Parse<SocketOption>(parts[0].Replace("_", ""), ignoreCase: true);
        if (parts[1].StartsWith("x:", StringComparison.Ordinal)) socket.SetOption(which, Convert.FromHexString(parts[1][2..]));
        else if (parts[1].StartsWith("s:", StringComparison.Ordinal)) socket.SetOption(which, parts[1][2..]);
        else socket.SetOption(which, int.Parse(parts[1]));
    }

    public static string Hex(string text) => "x:" + Convert.ToHexString(B(text));

    /// <summary>Receives one message and checks its frames.</summary>
    public static byte[][] Expect(IEnd end, params string[] frames)
    {
        byte[][] got = end.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException($"nothing arrived; expected [{string.Join(", ", frames)}]");
        Assert.Equal(frames, got.Select(S).ToArray());
        return got;
    }

    public static byte[][] Recv(IEnd end) =>
        end.TryRecv(WaitMs) ?? throw new Xunit.Sdk.XunitException("nothing arrived within the wait");

    /// <summary>
    /// Repeats <paramref name="send"/> until <paramref name="receiver"/> gets a message (for links that
    /// drop what is sent before they are up: PUB, ROUTER); bounded by <see cref="WaitMs"/>.
    /// </summary>
    public static byte[][] SendUntilReceived(Action send, IEnd receiver, int pollMs = 50)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < WaitMs)
        {
            send();
            if (receiver.TryRecv(pollMs) is { } got) return got;
        }
        throw new Xunit.Sdk.XunitException($"nothing got through within {WaitMs} ms of retries");
    }

    /// <summary>Drains what else is queued (late retries), so it does not confuse the next check.</summary>
    public static void Drain(IEnd end)
    {
        while (end.TryRecv(20) is not null) { }
    }
}
