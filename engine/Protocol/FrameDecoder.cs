using System.Buffers.Binary;

namespace Zinc.Protocol;

/// <summary>What <see cref="FrameDecoder.Decode"/> stopped on.</summary>
internal enum DecodeStatus : byte
{
    /// <summary>All input was consumed; the frame in progress needs more bytes.</summary>
    NeedMore,
    /// <summary>A whole frame is ready: take it with <see cref="FrameDecoder.TakeFrame"/>.</summary>
    Frame,
    /// <summary>The input breaks the protocol; <see cref="FrameDecoder.Error"/> says how. The connection must close.</summary>
    Error,
}

/// <summary>
/// Cuts a byte stream into frames for ZMTP 1.0, 2.0 and 3.x framing, in place: a frame whose
/// body is already in the input is copied straight into its message (inline when small), a
/// larger one gets its own buffer once its size is known and is filled as bytes arrive.
/// </summary>
internal sealed class FrameDecoder
{
    private enum State : byte { Flags, ShortSize, LongSize, V1Length, V1LongLength, V1Flags, Body }

    private readonly long _maxMsgSize;
    private ZmtpVersion _version;
    private State _state;
    private byte _flags;
    private readonly byte[] _sizeBytes = new byte[8];
    private int _sizeFilled;
    private long _bodySize;
    private int _bodyFilled;
    private Msg _frame;

    /// <param name="version">The framing to expect.</param>
    /// <param name="maxMsgSize">ZMQ_MAXMSGSIZE: larger frames are an error; -1 for no limit.</param>
    public FrameDecoder(ZmtpVersion version, long maxMsgSize)
    {
        _maxMsgSize = maxMsgSize;
        SetVersion(version);
    }

    /// <summary>True between frames (no frame is partly decoded).</summary>
    public bool AtFrameStart => _state is State.Flags or State.V1Length;

    /// <summary>ZMQ_MAXMSGSIZE this decoder enforces (-1: none).</summary>
    public long MaxMsgSize => _maxMsgSize;

    /// <summary>What went wrong after <see cref="DecodeStatus.Error"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>The errno to report for the error (EMSGSIZE for an oversized frame, else EPROTO).</summary>
    public int ErrorNumber { get; private set; }

    /// <summary>Switches framing; only between frames (after a greeting decided the version).</summary>
    public void SetVersion(ZmtpVersion version)
    {
        _version = version;
        _state = version == ZmtpVersion.V1 ? State.V1Length : State.Flags;
    }

    /// <summary>
    /// Consumes bytes until a frame is complete, the input runs out, or the input is invalid.
    /// <paramref name="consumed"/> says how many bytes were used.
    /// </summary>
    public DecodeStatus Decode(ReadOnlySpan<byte> input, out int consumed)
    {
        int pos = 0;
        while (pos < input.Length || _state == State.Body && _bodyFilled == _bodySize)
        {
            switch (_state)
            {
                case State.Flags when input.Length - pos >= 2 && TryWholeShortFrame(input, ref pos):
                    consumed = pos;
                    return DecodeStatus.Frame;
                case State.Flags:
                    _flags = input[pos++];
                    int allowed = _version == ZmtpVersion.V2 ? 0x03 : 0x07;
                    if ((_flags & ~allowed) != 0) return Fail(out consumed, pos, $"reserved frame flag bits set (0x{_flags:x2})", 71);
                    _sizeFilled = 0;
                    _state = (_flags & 0x02) != 0 ? State.LongSize : State.ShortSize;
                    break;
                case State.ShortSize:
                    if (!StartBody(input[pos++])) return Fail(out consumed, pos, Error!, ErrorNumber);
                    break;
                case State.LongSize:
                case State.V1LongLength:
                {
                    int take = Math.Min(8 - _sizeFilled, input.Length - pos);
                    input.Slice(pos, take).CopyTo(_sizeBytes.AsSpan(_sizeFilled));
                    pos += take;
                    _sizeFilled += take;
                    if (_sizeFilled < 8) break;
                    ulong size = BinaryPrimitives.ReadUInt64BigEndian(_sizeBytes);
                    if (_state == State.V1LongLength)
                    {
                        if (size == 0 || size > long.MaxValue) return Fail(out consumed, pos, "invalid ZMTP 1.0 frame length", 71);
                        _bodySize = (long)size - 1; // the length counts the flags byte
                        _state = State.V1Flags;
                        break;
                    }
                    if (size > long.MaxValue) return Fail(out consumed, pos, "frame size out of range", 71);
                    if (!StartBody((long)size)) return Fail(out consumed, pos, Error!, ErrorNumber);
                    break;
                }
                case State.V1Length:
                {
                    byte length = input[pos++];
                    if (length == 0xFF)
                    {
                        _sizeFilled = 0;
                        _state = State.V1LongLength;
                        break;
                    }
                    if (length == 0) return Fail(out consumed, pos, "ZMTP 1.0 frame of length 0", 71);
                    _bodySize = length - 1;
                    _state = State.V1Flags;
                    break;
                }
                case State.V1Flags:
                    _flags = (byte)(input[pos++] & 0x01);
                    if (!StartBody(_bodySize)) return Fail(out consumed, pos, Error!, ErrorNumber);
                    break;
                case State.Body:
                {
                    if (_bodyFilled < _bodySize)
                    {
                        int take = (int)Math.Min(_bodySize - _bodyFilled, input.Length - pos);
                        input.Slice(pos, take).CopyTo(_frame.Data.Slice(_bodyFilled));
                        pos += take;
                        _bodyFilled += take;
                        if (_bodyFilled < _bodySize) break;
                    }
                    _state = _version == ZmtpVersion.V1 ? State.V1Length : State.Flags;
                    consumed = pos;
                    return DecodeStatus.Frame;
                }
            }
        }
        consumed = pos;
        return DecodeStatus.NeedMore;
    }

    // The common case: a short frame whose body is all in the input becomes a message in one
    // step, without walking the per-field states.
    private bool TryWholeShortFrame(ReadOnlySpan<byte> input, ref int pos)
    {
        byte flags = input[pos];
        if ((flags & 0x02) != 0 || (flags & ~(_version == ZmtpVersion.V2 ? 0x03 : 0x07)) != 0) return false;
        int size = input[pos + 1];
        if (input.Length - pos - 2 < size || _maxMsgSize >= 0 && size > _maxMsgSize && (flags & 0x04) == 0) return false;
        _frame = default;
        _frame.InitSize(size);
        input.Slice(pos + 2, size).CopyTo(_frame.Data);
        _frame.Flags = (MsgFlags)((flags & 0x01) | ((flags & 0x04) >> 1));
        pos += 2 + size;
        return true;
    }

    private bool StartBody(long size)
    {
        if (_maxMsgSize >= 0 && size > _maxMsgSize && (_flags & 0x04) == 0)
        {
            Error = $"frame of {size} bytes exceeds MAXMSGSIZE {_maxMsgSize}";
            ErrorNumber = 90; // EMSGSIZE
            return false;
        }
        if (size > Array.MaxLength)
        {
            Error = $"frame of {size} bytes is larger than this process can hold";
            ErrorNumber = 90;
            return false;
        }
        _bodySize = size;
        _bodyFilled = 0;
        _frame = default;
        _frame.InitSize((int)size);
        MsgFlags flags = MsgFlags.None;
        if ((_flags & 0x01) != 0) flags |= MsgFlags.More;
        if ((_flags & 0x04) != 0) flags |= MsgFlags.Command;
        _frame.Flags = flags;
        _state = State.Body;
        return true;
    }

    private DecodeStatus Fail(out int consumed, int pos, string error, int errno)
    {
        Error = error;
        ErrorNumber = errno;
        consumed = pos;
        return DecodeStatus.Error;
    }

    /// <summary>Moves the completed frame out (MORE and COMMAND set from the wire flags).</summary>
    public void TakeFrame(out Msg frame)
    {
        frame = _frame;
        _frame = default;
    }

    /// <summary>Releases a frame in progress (the connection is closing).</summary>
    public void Reset() => _frame.Close();
}
