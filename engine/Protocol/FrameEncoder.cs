using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Zinc.Reactor.Native;

namespace Zinc.Protocol;

/// <summary>
/// Writes frames for ZMTP 1.0, 2.0 or 3.x into one native staging buffer, so many messages go
/// out in one write(2). A body of <see cref="LargeThreshold"/> bytes or more is not copied:
/// its header ends the batch and the body is written from the message's own buffer (writev).
/// With <see cref="Raw"/> (STREAM sockets) frames are written without headers: bodies only.
/// </summary>
internal sealed unsafe class FrameEncoder : IDisposable
{
    public const int LargeThreshold = 8 * 1024;

    /// <summary>
    /// The fewest bytes an engine gathers for one send(2) when that much is queued, whatever
    /// ZMQ_OUT_BATCH_SIZE says (the option can raise the batch, not lower it). libzmq's 8 KiB
    /// meant a send(2) every 7 messages of 1 KiB: measured on tcp, 32 KiB gave 1.72 M msg/s at
    /// 1 KiB against 0.77 M, and 8.7 M against 6.0 M at 64 B (docs/benchmarks.md). The staging
    /// buffer stays 64 KiB.
    /// </summary>
    public const int MinBatch = 32 * 1024;

    private readonly int _capacity;
    private byte* _buffer;
    private int _start;
    private int _end;
    private Msg _large;
    private int _largeSent;
    private bool _hasLarge;

    public FrameEncoder(int capacity)
    {
        _capacity = Math.Max(capacity, 1024);
        _buffer = (byte*)NativeMemory.AlignedAlloc((nuint)_capacity, 64);
    }

    public ZmtpVersion Version { get; set; } = ZmtpVersion.V31;

    /// <summary>No framing: each frame's body goes on the wire as it is (a STREAM socket's peers speak plain bytes).</summary>
    public bool Raw { get; init; }

    /// <summary>Bytes (and a large body) waiting to be written.</summary>
    public bool HasPending => _end > _start || _hasLarge;

    /// <summary>How many bytes are staged; the caller writes once this passes its batch size.</summary>
    public int Staged => _end - _start;

    /// <summary>A large body is attached: write before encoding more.</summary>
    public bool Blocked => _hasLarge;

    /// <summary>Room for a frame with this body size in the staging buffer right now.</summary>
    public bool HasRoomFor(int bodySize) =>
        !_hasLarge && _capacity - _end >= HeaderSize(bodySize) + (bodySize >= LargeThreshold ? 0 : bodySize);

    private int HeaderSize(int bodySize) => Raw ? 0 : Version switch
    {
        ZmtpVersion.V1 => bodySize + 1 < 255 ? 2 : 10,
        _ => bodySize <= 255 ? 2 : 9,
    };

    /// <summary>
    /// Appends a frame. Returns false (leaving <paramref name="msg"/> untouched) when there is no
    /// room: write, then try again. On success the frame has been taken: <paramref name="msg"/> is empty.
    /// </summary>
    public bool TryEncode(ref Msg msg)
    {
        int size = msg.Size;
        if (!HasRoomFor(size))
        {
            if (_end > _start || _hasLarge) return false;
            Compact();
            if (!HasRoomFor(size)) return false;
        }
        WriteHeader(size, msg.HasMore, (msg.Flags & MsgFlags.Command) != 0);
        if (size >= LargeThreshold)
        {
            _large = msg;
            _largeSent = 0;
            _hasLarge = true;
            msg = default;
            return true;
        }
        msg.Data.CopyTo(new Span<byte>(_buffer + _end, size));
        _end += size;
        msg.Close();
        return true;
    }

    /// <summary>
    /// Appends a frame sealed as a CURVE MESSAGE (rfc 26): the plaintext is laid out in the staging
    /// buffer and encrypted where it lies, so a small message costs no allocation and one copy.
    /// Bodies of <see cref="LargeThreshold"/> or more are sealed into a pooled buffer and written
    /// from there. Same contract as <see cref="TryEncode"/>.
    /// </summary>
    public bool TryEncodeSealed(ref Msg msg, Security.CurveCodec codec)
    {
        int size = msg.Size + Security.CurveCodec.Overhead;
        if (!HasRoomFor(size))
        {
            if (_end > _start || _hasLarge) return false;
            Compact();
            if (!HasRoomFor(size)) return false;
        }
        // Sealed frames travel as plain final frames: MORE and COMMAND ride inside the box.
        if (size >= LargeThreshold)
        {
            Msg sealedBody = default;
            sealedBody.InitSize(size);
            codec.Seal(sealedBody.Data, msg.Flags, msg.Data);
            msg.Close();
            return TryEncode(ref sealedBody);
        }
        WriteHeader(size, more: false, command: false);
        codec.Seal(new Span<byte>(_buffer + _end, size), msg.Flags, msg.Data);
        _end += size;
        msg.Close();
        return true;
    }

    /// <summary>
    /// Room for one short frame of up to <paramref name="maxBody"/> bytes at the end of the
    /// staging buffer (header at [0..2), body after), or empty; finish with <see cref="CommitShortFrame"/>.
    /// </summary>
    public Span<byte> ShortFrameRoom(int maxBody)
    {
        if (_hasLarge || Version == ZmtpVersion.V1 || _capacity - _end < 2 + maxBody) return default;
        return new Span<byte>(_buffer + _end, 2 + maxBody);
    }

    /// <summary>Completes a frame written into <see cref="ShortFrameRoom"/>: a final short frame of <paramref name="size"/> bytes.</summary>
    public void CommitShortFrame(int size)
    {
        _buffer[_end] = 0;
        _buffer[_end + 1] = (byte)size;
        _end += 2 + size;
    }

    /// <summary>Appends raw bytes (a greeting); false if they do not fit.</summary>
    public bool TryAppendRaw(ReadOnlySpan<byte> bytes)
    {
        if (_hasLarge) return false;
        if (_capacity - _end < bytes.Length) Compact();
        if (_capacity - _end < bytes.Length) return false;
        bytes.CopyTo(new Span<byte>(_buffer + _end, bytes.Length));
        _end += bytes.Length;
        return true;
    }

    private void WriteHeader(int size, bool more, bool command)
    {
        if (Raw) return;
        byte* p = _buffer + _end;
        if (Version == ZmtpVersion.V1)
        {
            long length = (long)size + 1;
            if (length < 255)
            {
                p[0] = (byte)length;
                p[1] = (byte)(more ? 1 : 0);
                _end += 2;
            }
            else
            {
                p[0] = 0xFF;
                BinaryPrimitives.WriteUInt64BigEndian(new Span<byte>(p + 1, 8), (ulong)length);
                p[9] = (byte)(more ? 1 : 0);
                _end += 10;
            }
            return;
        }
        byte flags = (byte)((more ? 1 : 0) | (command ? 4 : 0));
        if (size <= 255)
        {
            p[0] = flags;
            p[1] = (byte)size;
            _end += 2;
        }
        else
        {
            p[0] = (byte)(flags | 2);
            BinaryPrimitives.WriteUInt64BigEndian(new Span<byte>(p + 1, 8), (ulong)size);
            _end += 9;
        }
    }

    private void Compact()
    {
        if (_start == 0) return;
        int pending = _end - _start;
        if (pending > 0) Buffer.MemoryCopy(_buffer + _start, _buffer, _capacity, pending);
        _start = 0;
        _end = pending;
    }

    /// <summary>
    /// Writes what is pending to <paramref name="fd"/> without blocking. Returns 0 when all was
    /// written, EAGAIN when the socket is full (wait for writable), or another errno on failure.
    /// </summary>
    public int WriteTo(int fd)
    {
        LibC.IoVec* iov = stackalloc LibC.IoVec[2];
        while (HasPending)
        {
            nint n;
            if (!_hasLarge)
            {
                n = LibC.send(fd, _buffer + _start, (nuint)(_end - _start), LibC.MSG_NOSIGNAL);
            }
            else
            {
                Span<byte> body = _large.Data;
                fixed (byte* b = body)
                {
                    int count = 0;
                    if (_end > _start) iov[count++] = new LibC.IoVec { Base = _buffer + _start, Length = (nuint)(_end - _start) };
                    iov[count++] = new LibC.IoVec { Base = b + _largeSent, Length = (nuint)(body.Length - _largeSent) };
                    n = LibC.writev(fd, iov, count);
                }
            }
            if (n < 0)
            {
                int errno = LibC.Errno;
                if (errno == LibC.EINTR) continue;
                return errno;
            }
            Advance((int)n);
        }
        _start = _end = 0;
        return 0;
    }

    private void Advance(int written)
    {
        int staged = _end - _start;
        int fromStaged = Math.Min(written, staged);
        _start += fromStaged;
        written -= fromStaged;
        if (_hasLarge && written > 0)
        {
            _largeSent += written;
            if (_largeSent == _large.Size)
            {
                _large.Close();
                _hasLarge = false;
                _largeSent = 0;
            }
        }
        if (_start == _end && !_hasLarge) _start = _end = 0;
    }

    /// <summary>Drops whatever was not written (the connection closed).</summary>
    public void Discard()
    {
        _start = _end = 0;
        if (_hasLarge) _large.Close();
        _hasLarge = false;
        _largeSent = 0;
    }

    public void Dispose()
    {
        Discard();
        if (_buffer != null) NativeMemory.AlignedFree(_buffer);
        _buffer = null;
    }
}
