using System.Buffers.Binary;
using System.Text;
using Zinc.Core;
using Zinc.Pipes;
using Zinc.Sockets;

namespace Zinc;

// Socket options: the typed setters and getters over libzmq's byte forms (zmq_setsockopt,
// zmq_getsockopt); the table-driven store is SocketOptions (engine/Options).
public sealed partial class Socket
{
    /// <summary>Sets an option from its libzmq wire form (int32/int64 little-endian, or bytes).</summary>
    public void SetOption(SocketOption option, ReadOnlySpan<byte> value) => ZmqException.ThrowIf(SetOptionCore(option, value));

    /// <summary>Sets an integer option (int32 options; int64/uint64 ones widen).</summary>
    public void SetOption(SocketOption option, int value) => ZmqException.ThrowIf(SetOptionCore(option, value));

    /// <summary>Sets a 64-bit option (ZMQ_MAXMSGSIZE, ZMQ_AFFINITY...).</summary>
    public void SetOption(SocketOption option, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        ZmqException.ThrowIf(SetOptionCore(option, bytes));
    }

    /// <summary>Sets a boolean option (0/1).</summary>
    public void SetOption(SocketOption option, bool value) => SetOption(option, value ? 1 : 0);

    /// <summary>Sets a string option (UTF-8, no terminator).</summary>
    public void SetOption(SocketOption option, string value) => SetOption(option, (ReadOnlySpan<byte>)Encoding.UTF8.GetBytes(value));

    /// <summary>Sets a binary option (ZMQ_ROUTING_ID, ZMQ_SUBSCRIBE...).</summary>
    public void SetOption(SocketOption option, byte[] value) => SetOption(option, (ReadOnlySpan<byte>)value);

    /// <summary>Subscribes to messages starting with <paramref name="prefix"/> (SUB/XSUB).</summary>
    public void Subscribe(string prefix) => SetOption(SocketOption.Subscribe, prefix);

    /// <summary>Subscribes to messages starting with <paramref name="prefix"/> (SUB/XSUB).</summary>
    public void Subscribe(ReadOnlySpan<byte> prefix) => SetOption(SocketOption.Subscribe, prefix);

    /// <summary>Removes one subscription to <paramref name="prefix"/>.</summary>
    public void Unsubscribe(string prefix) => SetOption(SocketOption.Unsubscribe, prefix);

    internal ZmqError SetOptionCore(SocketOption option, int value)
    {
        // C# callers pass an int for ZMQ_MAXMSGSIZE or ZMQ_AFFINITY too: widen to the option's size.
        if (OptionTable.Find(option) is { Kind: OptionKind.Int64 or OptionKind.UInt64 })
        {
            Span<byte> wide = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(wide, value);
            return SetOptionCore(option, wide);
        }
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return SetOptionCore(option, bytes);
    }

    internal ZmqError SetOptionCore(SocketOption option, ReadOnlySpan<byte> value)
    {
        if (_closed) return ZmqError.ENOTSOCK;
        // Once a call has seen the context terminating, libzmq 4.3.4 refuses every option, LINGER
        // included (checked); only zmq_close remains. Options themselves process no commands.
        if (_stopped) return ZmqError.ETERM;
        if (!OptionScope.Accepts(Type, option)) return ZmqError.EINVAL;
        if (_pattern.TrySetOption(option, value, out ZmqError error)) return error;
        error = Options.Set(option, value);
        if (error == ZmqError.None && option is SocketOption.SndHwm or SocketOption.RcvHwm) ApplyHighWaterMarks();
        return error;
    }

    /// <summary>Reads an option into <paramref name="destination"/> in libzmq's wire form; returns the bytes written.</summary>
    public int GetOption(SocketOption option, Span<byte> destination)
    {
        ZmqException.ThrowIf(GetOptionCore(option, destination, out int written));
        return written;
    }

    /// <summary>Reads an int32 option.</summary>
    public int GetOptionInt32(SocketOption option)
    {
        Span<byte> bytes = stackalloc byte[4];
        ZmqException.ThrowIf(GetOptionCore(option, bytes, out int written));
        if (written != 4) throw new ZmqException(ZmqError.EINVAL, $"{option} is not a 32-bit option");
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Reads an int64 option.</summary>
    public long GetOptionInt64(SocketOption option)
    {
        Span<byte> bytes = stackalloc byte[8];
        ZmqException.ThrowIf(GetOptionCore(option, bytes, out int written));
        return written == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Reads a binary option (a CURVE key as its 32 binary bytes).</summary>
    public byte[] GetOptionBytes(SocketOption option)
    {
        // A CURVE key's form follows from the buffer size, which must be exactly 32 for binary.
        int size = OptionTable.Find(option)?.Kind == OptionKind.CurveKey ? OptionTable.CurveKeySize : 512;
        Span<byte> bytes = stackalloc byte[size];
        ZmqException.ThrowIf(GetOptionCore(option, bytes, out int written));
        return bytes.Slice(0, written).ToArray();
    }

    /// <summary>Reads a string option (without the trailing NUL libzmq adds).</summary>
    public string GetOptionString(SocketOption option)
    {
        byte[] bytes = GetOptionBytes(option);
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] == 0) length--;
        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    internal ZmqError GetOptionCore(SocketOption option, Span<byte> destination, out int written)
    {
        written = 0;
        if (_closed) return ZmqError.ENOTSOCK;
        if (_stopped) return ZmqError.ETERM; // as on set
        switch (option)
        {
            case SocketOption.RcvMore:
                return WriteInt32(destination, _rcvMore ? 1 : 0, out written);
            case SocketOption.Type:
                return WriteInt32(destination, (int)Type, out written);
            case SocketOption.Events:
                {
                    // EVENTS processes commands (as zmq_poll does), so it is how a thread that
                    // only polls learns of zmq_ctx_term.
                    PollEvents events = GetEvents();
                    return _stopped ? ZmqError.ETERM : WriteInt32(destination, (int)events, out written);
                }
            case SocketOption.LastEndpoint:
                {
                    int count = Encoding.UTF8.GetByteCount(LastEndpoint);
                    if (destination.Length < count + 1) return ZmqError.EINVAL;
                    written = Encoding.UTF8.GetBytes(LastEndpoint, destination);
                    destination[written++] = 0;
                    return ZmqError.None;
                }
            case SocketOption.ThreadSafe:
                return WriteInt32(destination, 0, out written);
            case SocketOption.Fd:
                return WriteInt32(destination, GetFd(), out written);
        }
        if (_pattern.TryGetOption(option, destination, out written, out ZmqError error)) return error;
        return Options.Get(option, destination, out written);
    }

    private static ZmqError WriteInt32(Span<byte> destination, int value, out int written)
    {
        written = 0;
        if (destination.Length < 4) return ZmqError.EINVAL;
        BinaryPrimitives.WriteInt32LittleEndian(destination, value);
        written = 4;
        return ZmqError.None;
    }
}
