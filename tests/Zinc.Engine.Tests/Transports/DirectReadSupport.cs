using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Zinc.Pipes;
using Zinc.Tests.Interop;

namespace Zinc.Tests.Transports;

/// <summary>
/// Helpers for the direct-read tests (a blocking receive borrowing its tcp/ipc connection from
/// the IO loop, ZmtpEngine.Lending): a probe that tells whether a socket's connections are lent
/// to its thread right now, a way to get them lent before the interesting part of a test starts,
/// and a NULL-mechanism ZMTP 3.0 handshake over a <see cref="RawPeer"/> (tcp or ipc).
/// </summary>
internal static class DirectRead
{
    /// <summary>Direct read can be switched off for a whole process (ZINC_DIRECT_READ=0); the lending checks then do nothing.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("ZINC_DIRECT_READ") != "0";

    /// <summary>How long a lease lasts with nobody pumping or watching (ZmtpEngine.LeaseMs).</summary>
    public static int LeaseMs => global::Zinc.Protocol.ZmtpEngine.LeaseMs;

    /// <summary>
    /// How many of <paramref name="socket"/>'s connections are lent to its thread now. Call it only
    /// from the thread that uses the socket, never while another operation on it is pending: it
    /// begins and ends a watch, as a parking receive does (which also renews the lease).
    /// </summary>
    public static int LentCount(Socket socket)
    {
        int lent = 0;
        foreach (Pipe pipe in socket.Pipes)
        {
            if (pipe.Pump is not { } pump) continue;
            if (pump.BeginWatch() < 0) continue;
            pump.EndWatch();
            lent++;
        }
        return lent;
    }

    public static bool IsLent(Socket socket) => LentCount(socket) > 0;

    /// <summary>
    /// Makes blocking receives that find nothing (10 ms each) until at least <paramref name="connections"/>
    /// of the socket's connections are lent to this thread; bounded. Fails if a message arrives
    /// meanwhile (the caller must not have sent anything yet). Does nothing when direct read is off.
    /// </summary>
    public static void EnsureLent(Socket socket, int connections = 1)
    {
        if (!Enabled) return;
        int saved = socket.GetOptionInt32(SocketOption.RcvTimeo);
        socket.SetOption(SocketOption.RcvTimeo, 10);
        try
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (socket.TryReceiveBytes(out byte[] stray))
                    throw new Xunit.Sdk.XunitException($"a message ({stray.Length} bytes) arrived while the connection was being lent");
                int lent = LentCount(socket);
                if (lent >= connections) return;
                if (clock.ElapsedMilliseconds > TestSupport.TimeoutMs)
                    throw new Xunit.Sdk.XunitException($"only {lent} of {connections} connections were lent to the receiving thread after {TestSupport.TimeoutMs} ms of blocking receives");
            }
        }
        finally
        {
            socket.SetOption(SocketOption.RcvTimeo, saved);
        }
    }

    /// <summary>
    /// Blocking receives of <paramref name="sliceMs"/> each, for about <paramref name="totalMs"/>: the
    /// socket sits idle in Receive (asking for the lease again at each call); each must time out.
    /// </summary>
    public static void SitInReceive(Socket socket, int totalMs, int sliceMs = 25)
    {
        int saved = socket.GetOptionInt32(SocketOption.RcvTimeo);
        socket.SetOption(SocketOption.RcvTimeo, sliceMs);
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < totalMs)
            {
                if (socket.TryReceiveBytes(out byte[] stray))
                    throw new Xunit.Sdk.XunitException($"a message ({Encoding.UTF8.GetString(stray)}) arrived during the silence");
            }
        }
        finally
        {
            socket.SetOption(SocketOption.RcvTimeo, saved);
        }
    }

    /// <summary>Removes the socket file of an ipc:///path endpoint a peer bound (nothing for tcp).</summary>
    public static void DeleteIpcFile(string endpoint) => Interop.Interop.DeleteIpcFile(endpoint);

    /// <summary>A 4-byte big-endian sequence number.</summary>
    public static byte[] Seq(int i)
    {
        byte[] data = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(data, i);
        return data;
    }

    public static int SeqOf(byte[] data)
    {
        Assert.True(data.Length >= 4, $"a {data.Length}-byte frame where a sequence number was expected");
        return BinaryPrimitives.ReadInt32BigEndian(data);
    }

    /// <summary>
    /// ZMTP 3.<paramref name="minor"/> NULL handshake from a raw peer as <paramref name="socketType"/>: greeting
    /// and READY out, the other side's greeting and READY in (checked); returns the READY properties.
    /// </summary>
    public static Dictionary<string, byte[]> Handshake(RawPeer raw, string socketType, byte[]? identity = null, byte minor = 0)
    {
        raw.Write(RawZmtpPeer.Greeting3(minor: minor));
        raw.Write(RawZmtpPeer.Ready(socketType, identity));
        byte[] greeting = raw.ReadExactly(64);
        Assert.True(greeting[0] == 0xFF && greeting[9] == 0x7F && greeting[10] >= 3, $"not a ZMTP 3 greeting: {Convert.ToHexString(greeting, 0, 12)}");
        (byte flags, byte[] body) = ReadFrame(raw);
        Assert.True((flags & RawZmtpPeer.CommandFlag) != 0, $"expected READY, got a frame with flags {flags:X2}");
        Assert.Equal("READY", CommandName(body));
        return RawZmtpPeer.ParseProperties(body[(1 + body[0])..]);
    }

    /// <summary>Reads one ZMTP 3 frame from a raw peer: its flags (LONG cleared) and body.</summary>
    public static (byte Flags, byte[] Body) ReadFrame(RawPeer raw)
    {
        byte flags = raw.ReadExactly(1)[0];
        int size = (flags & RawZmtpPeer.LongFlag) != 0 ? (int)BinaryPrimitives.ReadUInt64BigEndian(raw.ReadExactly(8)) : raw.ReadExactly(1)[0];
        return ((byte)(flags & ~RawZmtpPeer.LongFlag), raw.ReadExactly(size));
    }

    /// <summary>The name of a command frame's body.</summary>
    public static string CommandName(byte[] body) => Encoding.ASCII.GetString(body, 1, body[0]);

    /// <summary>Both backends crossed with both transports, and with each value of <paramref name="cases"/>.</summary>
    public static TheoryData<IoBackend, string, T> Crossed<T>(params T[] cases)
    {
        var data = new TheoryData<IoBackend, string, T>();
        foreach (IoBackend backend in new[] { IoBackend.Epoll, IoBackend.IoUring })
        {
            foreach (string transport in new[] { "tcp", "ipc" })
            {
                foreach (T c in cases) data.Add(backend, transport, c);
            }
        }
        return data;
    }
}
