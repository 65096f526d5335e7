using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zinc.Reactor.Native;

/// <summary>
/// A native sockaddr (in, in6 or un) built from .NET addresses and read back into endpoint
/// text. A value type of 112 bytes: big enough for sockaddr_un, no allocation to pass it on.
/// </summary>
internal unsafe struct SockAddr
{
    public const int Capacity = 112;
    private fixed byte _bytes[Capacity];

    /// <summary>The length the kernel takes (socklen_t).</summary>
    public int Length;

    public int Family
    {
        get { fixed (byte* p = _bytes) return *(ushort*)p; }
    }

    public Span<byte> Bytes
    {
        get { fixed (byte* p = _bytes) return new Span<byte>(p, Capacity); }
    }

    public static SockAddr FromIp(IPAddress address, int port)
    {
        SockAddr sa = default;
        Span<byte> b = sa.Bytes;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, LibC.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)port);
            address.TryWriteBytes(b[4..8], out _);
            sa.Length = 16;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, LibC.AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)port);
            address.TryWriteBytes(b[8..24], out _);
            BinaryPrimitives.WriteUInt32LittleEndian(b[24..], (uint)address.ScopeId);
            sa.Length = 28;
        }
        return sa;
    }

    /// <summary>A unix socket address; a path starting with '@' is in the abstract namespace.</summary>
    public static SockAddr FromUnixPath(string path)
    {
        SockAddr sa = default;
        Span<byte> b = sa.Bytes;
        BinaryPrimitives.WriteUInt16LittleEndian(b, LibC.AF_UNIX);
        bool isAbstract = path.StartsWith('@');
        int count = Encoding.UTF8.GetByteCount(path);
        if (count + 3 > 110) throw new ZmqException(ZmqError.ENAMETOOLONG, $"ipc path too long: {path}");
        Encoding.UTF8.GetBytes(path, b[2..]);
        if (isAbstract) b[2] = 0;
        // Abstract names are exactly as long as given; file paths end with a NUL.
        sa.Length = 2 + count + (isAbstract ? 0 : 1);
        return sa;
    }

    public int Port
    {
        get
        {
            int family = Family;
            return family is LibC.AF_INET or LibC.AF_INET6 ? BinaryPrimitives.ReadUInt16BigEndian(Bytes[2..]) : 0;
        }
    }

    public IPAddress? Ip
    {
        get
        {
            Span<byte> b = Bytes;
            return Family switch
            {
                LibC.AF_INET => new IPAddress(b[4..8]),
                LibC.AF_INET6 => new IPAddress(b[8..24], BinaryPrimitives.ReadUInt32LittleEndian(b[24..])),
                _ => null,
            };
        }
    }

    /// <summary>The address as ZeroMQ writes it in an endpoint: "1.2.3.4:5", "[::1]:5", a path or "@name".</summary>
    public override string ToString()
    {
        if (Family == LibC.AF_UNIX)
        {
            Span<byte> path = Bytes[2..Math.Max(2, Length)];
            if (path.Length > 0 && path[0] == 0) return "@" + Encoding.UTF8.GetString(path[1..]);
            int end = path.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? path : path[..end]);
        }
        IPAddress? ip = Ip;
        if (ip is null) return "";
        // An IPv4-mapped address stays as it is ("[::ffff:127.0.0.1]:5"): libzmq names a
        // dual-stack socket's ends that way.
        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]:{Port}" : $"{ip}:{Port}";
    }

    /// <summary>The address as a full endpoint, as libzmq reports a connection's ends: "tcp://1.2.3.4:5", "ipc://path" ("ipc://" for an unnamed unix socket).</summary>
    public string ToEndpoint() => (Family == LibC.AF_UNIX ? "ipc://" : "tcp://") + ToString();

    /// <summary>getsockname(2) of a descriptor.</summary>
    public static SockAddr LocalOf(int fd)
    {
        SockAddr sa = default;
        int len = Capacity;
        fixed (byte* p = sa.Bytes) LibC.getsockname(fd, p, &len);
        sa.Length = len;
        return sa;
    }

    /// <summary>getpeername(2) of a descriptor.</summary>
    public static SockAddr PeerOf(int fd)
    {
        SockAddr sa = default;
        int len = Capacity;
        fixed (byte* p = sa.Bytes) LibC.getpeername(fd, p, &len);
        sa.Length = len;
        return sa;
    }
}
