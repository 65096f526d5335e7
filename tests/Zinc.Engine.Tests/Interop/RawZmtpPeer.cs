using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zinc.Tests.Interop;

/// <summary>
/// A TCP connection that speaks ZMTP from hand-written bytes (RFC 23/37 for 3.x, RFC 15 for 2.0),
/// so tests can play an old peer, a silent peer or a broken one. Reads wait at most 5 s.
/// </summary>
internal sealed class RawZmtpPeer : IDisposable
{
    public const int WaitMs = 5000;
    public const byte MoreFlag = 0x01, LongFlag = 0x02, CommandFlag = 0x04;

    private readonly System.Net.Sockets.Socket _socket;

    private RawZmtpPeer(System.Net.Sockets.Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.ReceiveTimeout = WaitMs;
        _socket.SendTimeout = WaitMs;
    }

    /// <summary>Connects to a tcp://host:port endpoint.</summary>
    public static RawZmtpPeer Connect(string endpoint)
    {
        var socket = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp);
        if (!socket.ConnectAsync(ParseTcp(endpoint)).Wait(WaitMs)) throw new TimeoutException($"raw connect to {endpoint} timed out");
        return new RawZmtpPeer(socket);
    }

    internal static RawZmtpPeer Accepted(System.Net.Sockets.Socket socket) => new(socket);

    public static IPEndPoint ParseTcp(string endpoint)
    {
        Uri uri = new(endpoint);
        return new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
    }

    // ---- bytes ----

    public void Write(ReadOnlySpan<byte> bytes) => _socket.Send(bytes);

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails on EOF or after the wait.</summary>
    public byte[] Read(int count)
    {
        byte[] buffer = new byte[count];
        int done = 0;
        while (done < count)
        {
            int n = _socket.Receive(buffer, done, count - done, SocketFlags.None);
            if (n == 0) throw new Xunit.Sdk.XunitException($"raw peer: EOF after {done} of {count} bytes");
            done += n;
        }
        return buffer;
    }

    /// <summary>Discards whatever arrives until the other side closes; false if it is still open after <paramref name="timeoutMs"/>.</summary>
    public bool WaitClosed(int timeoutMs = WaitMs)
    {
        byte[] sink = new byte[4096];
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            long left = timeoutMs - clock.ElapsedMilliseconds;
            if (!_socket.Poll((int)Math.Max(1, left) * 1000, SelectMode.SelectRead)) continue;
            try
            {
                if (_socket.Receive(sink) == 0) return true;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Stops sending: the other side sees EOF mid-whatever.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public void Dispose() => _socket.Dispose();

    // ---- frames (one format for 2.0 and 3.x; 2.0 just never sets the command bit) ----

    public static byte[] Frame(ReadOnlySpan<byte> body, byte flags = 0)
    {
        bool isLong = body.Length > 255;
        byte[] frame = new byte[(isLong ? 9 : 2) + body.Length];
        frame[0] = (byte)(flags | (isLong ? LongFlag : 0));
        if (isLong) BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(1), (ulong)body.Length);
        else frame[1] = (byte)body.Length;
        body.CopyTo(frame.AsSpan(isLong ? 9 : 2));
        return frame;
    }

    /// <summary>All frames of a message, MORE set on all but the last.</summary>
    public static byte[] Message(params byte[][] frames) =>
        frames.SelectMany((f, i) => Frame(f, i < frames.Length - 1 ? MoreFlag : (byte)0)).ToArray();

    public void SendMessage(params byte[][] frames) => Write(Message(frames));

    /// <summary>Reads one frame: its flags byte (LONG cleared) and body.</summary>
    public (byte Flags, byte[] Body) ReadFrame()
    {
        byte flags = Read(1)[0];
        ulong size = (flags & LongFlag) != 0 ? BinaryPrimitives.ReadUInt64BigEndian(Read(8)) : Read(1)[0];
        if (size > 64 << 20) throw new Xunit.Sdk.XunitException($"raw peer: implausible frame size {size}");
        return ((byte)(flags & ~LongFlag), Read((int)size));
    }

    /// <summary>Reads frames up to the last one of a message, skipping commands (PING ...) in between.</summary>
    public byte[][] ReadMessage()
    {
        var frames = new List<byte[]>();
        while (true)
        {
            (byte flags, byte[] body) = ReadFrame();
            if ((flags & CommandFlag) != 0) continue;
            frames.Add(body);
            if ((flags & MoreFlag) == 0) return frames.ToArray();
        }
    }

    // ---- ZMTP 3.x (RFC 23, RFC 37) ----

    /// <summary>The 64-byte greeting: signature, version 3.minor, mechanism (NULL unless given), as-server, filler.</summary>
    public static byte[] Greeting3(bool asServer = false, byte minor = 1, string mechanism = "NULL")
    {
        byte[] g = new byte[64];
        g[0] = 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = minor;
        Encoding.ASCII.GetBytes(mechanism).CopyTo(g, 12);
        g[32] = asServer ? (byte)1 : (byte)0;
        return g;
    }

    /// <summary>A command frame: name length, name, data.</summary>
    public static byte[] Command(string name, ReadOnlySpan<byte> data)
    {
        byte[] body = new byte[1 + name.Length + data.Length];
        body[0] = (byte)name.Length;
        Encoding.ASCII.GetBytes(name).CopyTo(body, 1);
        data.CopyTo(body.AsSpan(1 + name.Length));
        return Frame(body, CommandFlag);
    }

    /// <summary>NULL mechanism READY with Socket-Type and, when given, Identity.</summary>
    public static byte[] Ready(string socketType, byte[]? identity = null)
    {
        var props = new List<byte>();
        AddProperty(props, "Socket-Type", Encoding.ASCII.GetBytes(socketType));
        if (identity is not null) AddProperty(props, "Identity", identity);
        return Command("READY", props.ToArray());
    }

    /// <summary>A ZMTP property list (name length, name, 4-byte value length, value) in the given order.</summary>
    public static byte[] Properties(params (string Name, byte[] Value)[] properties)
    {
        var props = new List<byte>();
        foreach ((string name, byte[] value) in properties) AddProperty(props, name, value);
        return props.ToArray();
    }

    private static void AddProperty(List<byte> props, string name, byte[] value)
    {
        props.Add((byte)name.Length);
        props.AddRange(Encoding.ASCII.GetBytes(name));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)value.Length);
        props.AddRange(size.ToArray());
        props.AddRange(value);
    }

    /// <summary>Reads the other side's 64-byte 3.x greeting and checks signature, major version and mechanism (NULL unless given).</summary>
    public byte[] ReadGreeting3(string expectedMechanism = "NULL")
    {
        byte[] g = Read(64);
        if (g[0] != 0xFF || g[9] != 0x7F) throw new Xunit.Sdk.XunitException($"raw peer: bad signature {Convert.ToHexString(g, 0, 10)}");
        if (g[10] < 3) throw new Xunit.Sdk.XunitException($"raw peer: major version {g[10]}, expected 3");
        string mechanism = Encoding.ASCII.GetString(g, 12, 20).TrimEnd('\0');
        if (mechanism != expectedMechanism) throw new Xunit.Sdk.XunitException($"raw peer: mechanism '{mechanism}'");
        return g;
    }

    /// <summary>Reads a command frame: its name and data.</summary>
    public (string Name, byte[] Data) ReadCommand()
    {
        (byte flags, byte[] body) = ReadFrame();
        if ((flags & CommandFlag) == 0) throw new Xunit.Sdk.XunitException($"raw peer: expected a command, got flags {flags:X2}");
        int nameLength = body[0];
        return (Encoding.ASCII.GetString(body, 1, nameLength), body[(1 + nameLength)..]);
    }

    /// <summary>Parses READY metadata into name → value.</summary>
    public static Dictionary<string, byte[]> ParseProperties(byte[] data)
    {
        var props = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        int at = 0;
        while (at < data.Length)
        {
            int nameLength = data[at++];
            string name = Encoding.ASCII.GetString(data, at, nameLength);
            at += nameLength;
            int valueLength = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            at += 4;
            props[name] = data[at..(at + valueLength)];
            at += valueLength;
        }
        return props;
    }

    /// <summary>Full NULL handshake as <paramref name="socketType"/>; returns the other side's READY metadata.</summary>
    public Dictionary<string, byte[]> Handshake3(string socketType, bool asServer = false, byte[]? identity = null)
    {
        Write(Greeting3(asServer));
        ReadGreeting3();
        Write(Ready(socketType, identity));
        (string name, byte[] data) = ReadCommand();
        if (name != "READY") throw new Xunit.Sdk.XunitException($"raw peer: expected READY, got {name}");
        return ParseProperties(data);
    }

    // ---- ZMTP 2.0 (RFC 15) ----

    /// <summary>The whole 2.0 greeting: signature, revision 1, socket type, identity frame.</summary>
    public static byte[] Greeting2(byte socketType, byte[]? identity = null)
    {
        byte[] head = new byte[12];
        head[0] = 0xFF;
        head[8] = 1; // 1.0 peers read these 8 bytes as identity length + 1
        head[9] = 0x7F;
        head[10] = 1;
        head[11] = socketType;
        return head.Concat(Frame(identity ?? [])).ToArray();
    }

    /// <summary>Reads a greeting answered in 2.0 form: signature, revision (≥ 1), socket type, identity frame.</summary>
    public (byte Revision, byte SocketType, byte[] Identity) ReadGreeting2()
    {
        byte[] signature = Read(10);
        if (signature[0] != 0xFF || signature[9] != 0x7F) throw new Xunit.Sdk.XunitException($"raw peer: bad signature {Convert.ToHexString(signature)}");
        byte revision = Read(1)[0];
        byte type = Read(1)[0];
        (byte flags, byte[] identity) = ReadFrame();
        if (flags != 0) throw new Xunit.Sdk.XunitException($"raw peer: identity frame flags {flags:X2}");
        return (revision, type, identity);
    }
}

/// <summary>A TCP listener on 127.0.0.1 with an ephemeral port, handing out <see cref="RawZmtpPeer"/>s.</summary>
internal sealed class RawZmtpListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawZmtpListener() => _listener.Start();

    public string Endpoint => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public RawZmtpPeer Accept(int timeoutMs = RawZmtpPeer.WaitMs)
    {
        Task<System.Net.Sockets.Socket> accept = _listener.AcceptSocketAsync();
        if (!accept.Wait(timeoutMs)) throw new TimeoutException($"nobody connected to {Endpoint} within {timeoutMs} ms");
        return RawZmtpPeer.Accepted(accept.Result);
    }

    public void Dispose() => _listener.Stop();
}
