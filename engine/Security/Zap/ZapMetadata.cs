using System.Buffers.Binary;

namespace Zinc.Security.Zap;

/// <summary>
/// The ZMTP 3.0 property list a ZAP reply carries as its metadata frame: per property a name
/// length octet, the name, a 4-octet big-endian value length and the value.
/// </summary>
internal static class ZapMetadata
{
    public static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 255) return false;
        foreach (char c in name)
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '+')) return false;
        return true;
    }

    public static byte[] Encode(IReadOnlyDictionary<string, byte[]> properties)
    {
        int size = 0;
        foreach ((string name, byte[] value) in properties) size += 1 + name.Length + 4 + value.Length;
        var frame = new byte[size];
        int at = 0;
        foreach ((string name, byte[] value) in properties)
        {
            frame[at++] = (byte)name.Length;
            for (int i = 0; i < name.Length; i++) frame[at++] = (byte)name[i];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at), (uint)value.Length);
            at += 4;
            value.CopyTo(frame, at);
            at += value.Length;
        }
        return frame;
    }

    /// <summary>Decodes a property list; null when it is truncated or a name is invalid.</summary>
    public static Dictionary<string, byte[]>? Decode(ReadOnlySpan<byte> frame)
    {
        var properties = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (!frame.IsEmpty)
        {
            int nameLength = frame[0];
            if (nameLength == 0 || frame.Length < 1 + nameLength + 4) return null;
            string name = System.Text.Encoding.ASCII.GetString(frame.Slice(1, nameLength));
            if (!IsValidName(name)) return null;
            uint valueLength = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(1 + nameLength));
            frame = frame.Slice(1 + nameLength + 4);
            if (valueLength > (uint)frame.Length) return null;
            properties[name] = frame.Slice(0, (int)valueLength).ToArray();
            frame = frame.Slice((int)valueLength);
        }
        return properties;
    }
}
