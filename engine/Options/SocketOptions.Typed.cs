using System.Buffers.Binary;
using System.Text;

namespace Zinc;

// Typed setters and getters for C# callers. They encode to / decode from the wire form and go through
// Set/Get, so validation is the same; numbers are sized to the option (an int given for an int64
// option widens, a long given for an int option must fit).
internal sealed partial class SocketOptions
{
    /// <summary>Sets a numeric or boolean option from an int.</summary>
    public ZmqError Set(SocketOption option, int value) => SetNumber(option, value);

    /// <summary>Sets a numeric or boolean option from a long (must fit the option's type).</summary>
    public ZmqError Set(SocketOption option, long value) => SetNumber(option, value);

    /// <summary>Sets a numeric option from an unsigned long (must fit the option's type).</summary>
    public ZmqError Set(SocketOption option, ulong value)
    {
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null) return ZmqError.EINVAL;
        if (spec.Kind != OptionKind.UInt64)
            return value > long.MaxValue ? ZmqError.EINVAL : SetNumber(option, (long)value);
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Set(option, bytes);
    }

    /// <summary>Sets a boolean option (1 or 0).</summary>
    public ZmqError Set(SocketOption option, bool value) => SetNumber(option, value ? 1 : 0);

    /// <summary>
    /// Sets a string option from UTF-8 text; also binary options (as UTF-8 bytes) and CURVE keys (as
    /// 40 Z85 characters). Null or empty sets an empty value.
    /// </summary>
    public ZmqError Set(SocketOption option, string? value)
    {
        if (string.IsNullOrEmpty(value)) return Set(option, ReadOnlySpan<byte>.Empty);
        return Set(option, (ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(value));
    }

    private ZmqError SetNumber(SocketOption option, long value)
    {
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null) return ZmqError.EINVAL;
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        switch (spec.Kind)
        {
            case OptionKind.Int32:
            case OptionKind.Bool:
                if (value < int.MinValue || value > int.MaxValue) return ZmqError.EINVAL;
                BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
                return Set(option, bytes[..sizeof(int)]);
            case OptionKind.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
                return Set(option, bytes);
            case OptionKind.UInt64:
                if (value < 0) return ZmqError.EINVAL;
                BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
                return Set(option, bytes);
            default:
                return ZmqError.EINVAL;
        }
    }

    /// <summary>Reads a numeric or boolean option as an int (EINVAL if the value does not fit).</summary>
    public ZmqError GetInt32(SocketOption option, out int value)
    {
        value = 0;
        ZmqError error = GetNumber(option, out long number, out _);
        if (error != ZmqError.None) return error;
        if (number < int.MinValue || number > int.MaxValue) return ZmqError.EINVAL;
        value = (int)number;
        return ZmqError.None;
    }

    /// <summary>Reads a numeric or boolean option as a long (EINVAL for a uint64 above long.MaxValue).</summary>
    public ZmqError GetInt64(SocketOption option, out long value)
    {
        ZmqError error = GetNumber(option, out value, out bool unsigned);
        if (error == ZmqError.None && unsigned && value < 0)
        {
            value = 0;
            return ZmqError.EINVAL;
        }
        return error;
    }

    /// <summary>Reads a numeric option as an unsigned long (EINVAL for a negative value).</summary>
    public ZmqError GetUInt64(SocketOption option, out ulong value)
    {
        value = 0;
        ZmqError error = GetNumber(option, out long number, out bool unsigned);
        if (error != ZmqError.None) return error;
        if (!unsigned && number < 0) return ZmqError.EINVAL;
        value = unchecked((ulong)number);
        return ZmqError.None;
    }

    /// <summary>Reads a numeric or boolean option as a boolean (non-zero is true).</summary>
    public ZmqError GetBool(SocketOption option, out bool value)
    {
        ZmqError error = GetNumber(option, out long number, out _);
        value = error == ZmqError.None && number != 0;
        return error;
    }

    /// <summary>
    /// Reads a binary option as-is, a string option as its bytes without the NUL, or a CURVE key as its
    /// 32 binary bytes.
    /// </summary>
    public ZmqError GetBytes(SocketOption option, out byte[] value)
    {
        value = Array.Empty<byte>();
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null || spec.IsScalar) return ZmqError.EINVAL;
        int size = spec.Kind == OptionKind.CurveKey ? OptionTable.CurveKeySize : (_blobs[(int)option]?.Length ?? 0) + 1;
        var buffer = new byte[size];
        ZmqError error = Get(option, buffer, out int written);
        if (error != ZmqError.None) return error;
        if (spec.Kind == OptionKind.String) written--;
        value = written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
        return ZmqError.None;
    }

    /// <summary>Reads a string option (without the NUL), a binary option as UTF-8, or a CURVE key as Z85.</summary>
    public ZmqError GetString(SocketOption option, out string value)
    {
        value = string.Empty;
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null || spec.IsScalar) return ZmqError.EINVAL;
        if (spec.Kind == OptionKind.CurveKey)
        {
            Span<byte> z85 = stackalloc byte[OptionTable.CurveKeyZ85Size + 1];
            ZmqError keyError = Get(option, z85, out _);
            if (keyError == ZmqError.None) value = Encoding.ASCII.GetString(z85[..OptionTable.CurveKeyZ85Size]);
            return keyError;
        }
        ZmqError error = GetBytes(option, out byte[] bytes);
        if (error == ZmqError.None) value = Encoding.UTF8.GetString(bytes);
        return error;
    }

    private ZmqError GetNumber(SocketOption option, out long value, out bool unsigned)
    {
        value = 0;
        unsigned = false;
        OptionSpec? spec = OptionTable.Find(option);
        if (spec is null || !spec.IsScalar) return ZmqError.EINVAL;
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        ZmqError error = Get(option, bytes, out int written);
        if (error != ZmqError.None) return error;
        unsigned = spec.Kind == OptionKind.UInt64;
        value = written == sizeof(int)
            ? BinaryPrimitives.ReadInt32LittleEndian(bytes)
            : BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return ZmqError.None;
    }
}
