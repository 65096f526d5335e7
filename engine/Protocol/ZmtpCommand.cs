using System.Buffers.Binary;
using System.Text;

namespace Zinc.Protocol;

/// <summary>The commands Zinc reads and writes (rfc 23/37): READY, ERROR, PING, PONG, SUBSCRIBE, CANCEL.</summary>
internal enum ZmtpCommandKind : byte
{
    Unknown,
    Ready,
    Error,
    Ping,
    Pong,
    Subscribe,
    Cancel,
    Hello,
    Welcome,
    Initiate,
}

/// <summary>Builds and recognises ZMTP command frames; bodies are "name-size name data".</summary>
internal static class ZmtpCommand
{
    /// <summary>The command a frame body names (Unknown for anything else, including a malformed body).</summary>
    public static ZmtpCommandKind KindOf(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0 || body[0] + 1 > body.Length) return ZmtpCommandKind.Unknown;
        ReadOnlySpan<byte> name = body.Slice(1, body[0]);
        if (name.SequenceEqual("READY"u8)) return ZmtpCommandKind.Ready;
        if (name.SequenceEqual("PING"u8)) return ZmtpCommandKind.Ping;
        if (name.SequenceEqual("PONG"u8)) return ZmtpCommandKind.Pong;
        if (name.SequenceEqual("SUBSCRIBE"u8)) return ZmtpCommandKind.Subscribe;
        if (name.SequenceEqual("CANCEL"u8)) return ZmtpCommandKind.Cancel;
        if (name.SequenceEqual("ERROR"u8)) return ZmtpCommandKind.Error;
        if (name.SequenceEqual("HELLO"u8)) return ZmtpCommandKind.Hello;
        if (name.SequenceEqual("WELCOME"u8)) return ZmtpCommandKind.Welcome;
        if (name.SequenceEqual("INITIATE"u8)) return ZmtpCommandKind.Initiate;
        return ZmtpCommandKind.Unknown;
    }

    /// <summary>The data after the command name.</summary>
    public static ReadOnlySpan<byte> DataOf(ReadOnlySpan<byte> body) => body.Slice(1 + body[0]);

    /// <summary>A command frame named <paramref name="name"/> with <paramref name="data"/>.</summary>
    public static Msg Build(ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
    {
        Msg msg = default;
        msg.InitSize(1 + name.Length + data.Length);
        Span<byte> body = msg.Data;
        body[0] = (byte)name.Length;
        name.CopyTo(body.Slice(1));
        data.CopyTo(body.Slice(1 + name.Length));
        msg.Flags = MsgFlags.Command;
        return msg;
    }

    /// <summary>READY (or another metadata command) with the given properties.</summary>
    public static Msg BuildMetadata(ReadOnlySpan<byte> name, IReadOnlyList<KeyValuePair<string, byte[]>> properties)
        => Build(name, EncodeProperties(properties));

    /// <summary>Properties in the metadata grammar: name-size, name, 4-byte big-endian value size, value.</summary>
    public static byte[] EncodeProperties(IReadOnlyList<KeyValuePair<string, byte[]>> properties)
    {
        int size = 0;
        foreach (var p in properties) size += 1 + Encoding.ASCII.GetByteCount(p.Key) + 4 + p.Value.Length;
        byte[] data = new byte[size];
        int at = 0;
        foreach (var p in properties)
        {
            int nameLength = Encoding.ASCII.GetBytes(p.Key, data.AsSpan(at + 1));
            data[at] = (byte)nameLength;
            at += 1 + nameLength;
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(at), p.Value.Length);
            at += 4;
            p.Value.CopyTo(data, at);
            at += p.Value.Length;
        }
        return data;
    }

    /// <summary>
    /// Parses metadata properties (READY, INITIATE...). Names are case-insensitive, as rfc 37
    /// says. False when the bytes do not follow the property grammar; rfc 37 wants names of 1 to
    /// 255 bytes, and <paramref name="allowEmptyNames"/> takes an empty one as libzmq's parser
    /// does (a ZAP handler's metadata, which libzmq 4.3.4 accepts).
    /// </summary>
    public static bool TryParseMetadata(ReadOnlySpan<byte> data, out Dictionary<string, byte[]> properties, bool allowEmptyNames = false)
    {
        properties = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        int at = 0;
        while (at < data.Length)
        {
            int nameLength = data[at++];
            if (nameLength == 0 && !allowEmptyNames || at + nameLength + 4 > data.Length) return false;
            string name = Encoding.ASCII.GetString(data.Slice(at, nameLength));
            at += nameLength;
            uint valueLength = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(at));
            at += 4;
            if (valueLength > (uint)(data.Length - at)) return false;
            properties[name] = data.Slice(at, (int)valueLength).ToArray();
            at += (int)valueLength;
        }
        return true;
    }

    /// <summary>PING with the TTL we ask the peer to apply (in tenths of a second) and a context echoed back.</summary>
    public static Msg Ping(int ttlMs, ReadOnlySpan<byte> context)
    {
        Span<byte> data = stackalloc byte[2 + context.Length];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)Math.Min(ttlMs / 100, ushort.MaxValue));
        context.CopyTo(data.Slice(2));
        return Build("PING"u8, data);
    }

    public static Msg Pong(ReadOnlySpan<byte> context) => Build("PONG"u8, context);

    public static Msg Error(string reason)
    {
        byte[] text = Encoding.ASCII.GetBytes(reason.Length > 255 ? reason[..255] : reason);
        Span<byte> data = stackalloc byte[1 + text.Length];
        data[0] = (byte)text.Length;
        text.CopyTo(data.Slice(1));
        return Build("ERROR"u8, data);
    }
}
