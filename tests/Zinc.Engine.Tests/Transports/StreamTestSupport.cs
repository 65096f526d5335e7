using System.Diagnostics;

namespace Zinc.Tests.Transports;

/// <summary>
/// Shared pieces of the tcp/ipc tests: theory data over both IO backends, unique endpoints,
/// a monitor reader, and bounded polling loops (never a sleep used as synchronisation).
/// </summary>
internal static class StreamTestSupport
{
    /// <summary>Both IO backends, for tests that touch the network.</summary>
    public static TheoryData<IoBackend> Backends => new() { IoBackend.Epoll, IoBackend.IoUring };

    /// <summary>Both backends crossed with both stream transports ("tcp" or "ipc").</summary>
    public static TheoryData<IoBackend, string> BackendsAndTransports => new()
    {
        { IoBackend.Epoll, "tcp" },
        { IoBackend.Epoll, "ipc" },
        { IoBackend.IoUring, "tcp" },
        { IoBackend.IoUring, "ipc" },
    };

    public static Context NewContext(IoBackend backend) => new() { IoBackend = backend };

    /// <summary>A socket with bounded send/receive waits and LINGER 0, so closing never holds the context.</summary>
    public static Socket CreateStream(this Context context, SocketType type, int timeoutMs = TestSupport.TimeoutMs)
    {
        Socket socket = context.Create(type, timeoutMs);
        socket.SetOption(SocketOption.Linger, 0);
        return socket;
    }

    /// <summary>A wildcard bind endpoint for the transport: tcp://127.0.0.1:* or a fresh ipc path.</summary>
    public static string BindEndpoint(string transport) =>
        transport == "tcp" ? "tcp://127.0.0.1:*" : "ipc://" + IpcPath();

    /// <summary>A unique path for an ipc socket file under the temp directory.</summary>
    public static string IpcPath() => Path.Combine(Path.GetTempPath(), $"zinc-test-{Guid.NewGuid():N}.ipc");

    /// <summary>For failure messages: whether an ipc endpoint's socket file is on disk.</summary>
    public static string DescribeIpcFile(string endpoint) =>
        endpoint.StartsWith("ipc://") && !endpoint.StartsWith("ipc://@")
            ? $" (socket file {endpoint[6..]} exists: {File.Exists(endpoint[6..])})"
            : "";

    /// <summary>A tcp port nobody listens on right now (bound then released).</summary>
    public static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The port of a "tcp://host:port" endpoint.</summary>
    public static int PortOf(string endpoint) => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]);

    /// <summary>Sends <paramref name="count"/> frames of <paramref name="size"/> bytes, each starting with its number.</summary>
    public static void SendNumbered(Socket socket, int count, int size)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            socket.Send(payload);
        }
    }

    /// <summary>Receives <paramref name="count"/> frames and checks they are numbered 0, 1, 2... in order.</summary>
    public static void ReceiveNumbered(Socket socket, int count)
    {
        for (int i = 0; i < count; i++) Assert.Equal(i, BitConverter.ToInt32(socket.ReceiveBytes()));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the bounded wait ends.</summary>
    public static bool WaitUntil(Func<bool> condition, int timeoutMs = TestSupport.TimeoutMs)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.ElapsedMilliseconds > timeoutMs) return false;
            Thread.Sleep(5);
        }
        return true;
    }

    /// <summary>
    /// Sends <paramref name="text"/> every few milliseconds until <paramref name="receiver"/> gets it
    /// (slow joiners: a SUB whose subscription has not reached the PUB yet). Other messages read
    /// on the way are dropped. Bounded.
    /// </summary>
    public static void SendUntilReceived(Socket sender, Socket receiver, string text, Action<Socket>? send = null)
    {
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < TestSupport.TimeoutMs)
        {
            if (send is null) sender.TrySend(System.Text.Encoding.UTF8.GetBytes(text), SendFlags.DontWait);
            else send(sender);
            var inner = Stopwatch.StartNew();
            while (inner.ElapsedMilliseconds < 20)
            {
                string? got = receiver.TryRecvString();
                if (got == text)
                {
                    while (receiver.HasMore) receiver.ReceiveBytes();
                    return;
                }
                if (got is null) Thread.Sleep(1);
                else while (receiver.HasMore) receiver.ReceiveBytes();
            }
        }
        throw new TimeoutException($"'{text}' never arrived");
    }
}

/// <summary>A monitor on a socket and the PAIR that reads it.</summary>
internal sealed class MonitorReader : IDisposable
{
    private readonly Socket _pair;

    public MonitorReader(Context context, Socket socket, SocketEvents events = SocketEvents.All)
    {
        string endpoint = TestSupport.Inproc("mon");
        socket.Monitor(endpoint, events);
        _pair = context.CreateStream(SocketType.Pair);
        _pair.Connect(endpoint);
    }

    public List<MonitorEvent> Seen { get; } = new();

    /// <summary>Reads events until one of <paramref name="wanted"/> arrives (bounded); returns it.</summary>
    public MonitorEvent WaitFor(SocketEvents wanted)
    {
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < TestSupport.TimeoutMs * 2)
        {
            if (!MonitorEvent.TryReceive(_pair, out MonitorEvent ev)) break;
            Seen.Add(ev);
            if ((ev.Event & wanted) != 0) return ev;
        }
        throw new TimeoutException($"no {wanted} event; saw: {string.Join(", ", Seen.Select(e => $"{e.Event}({e.Value}) {e.Endpoint}"))}");
    }

    /// <summary>Reads every event already queued, without waiting; returns them (also added to <see cref="Seen"/>).</summary>
    public List<MonitorEvent> DrainNow()
    {
        var got = new List<MonitorEvent>();
        _pair.SetOption(SocketOption.RcvTimeo, 0);
        try
        {
            while (MonitorEvent.TryReceive(_pair, out MonitorEvent ev)) got.Add(ev);
        }
        finally
        {
            _pair.SetOption(SocketOption.RcvTimeo, TestSupport.TimeoutMs);
        }
        Seen.AddRange(got);
        return got;
    }

    /// <summary>The events seen so far, in order, without the values.</summary>
    public List<SocketEvents> Kinds => Seen.Select(e => e.Event).ToList();

    public void Dispose() => _pair.Dispose();
}
