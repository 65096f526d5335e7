using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace NetMQ;

/// <summary>A multipart message: an ordered list of <see cref="NetMQFrame"/>s.</summary>
public class NetMQMessage : IEnumerable<NetMQFrame>
{
    private readonly List<NetMQFrame> _frames;

    /// <summary>An empty message, with room for <paramref name="expectedFrameCount"/> frames.</summary>
    public NetMQMessage(int expectedFrameCount = 4) => _frames = new List<NetMQFrame>(expectedFrameCount);

    /// <summary>A message of the given frames.</summary>
    public NetMQMessage(IEnumerable<NetMQFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        _frames = new List<NetMQFrame>(frames);
    }

    /// <summary>A message with one frame per buffer (not copied).</summary>
    public NetMQMessage(IEnumerable<byte[]> buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        _frames = buffers.Select(b => new NetMQFrame(b)).ToList();
    }

    /// <summary>The first frame.</summary>
    public NetMQFrame First => _frames[0];

    /// <summary>The last frame.</summary>
    public NetMQFrame Last => _frames[^1];

    /// <summary>True when there are no frames.</summary>
    public bool IsEmpty => _frames.Count == 0;

    /// <summary>The number of frames.</summary>
    public int FrameCount => _frames.Count;

    /// <summary>The frame at <paramref name="index"/>.</summary>
    public NetMQFrame this[int index] => _frames[index];

    /// <summary>Adds a frame at the end.</summary>
    public void Append(NetMQFrame frame) => _frames.Add(frame);
    /// <summary>Adds a frame over <paramref name="buffer"/> at the end.</summary>
    public void Append(byte[] buffer) => _frames.Add(new NetMQFrame(buffer));
    /// <summary>Adds a UTF-8 frame at the end.</summary>
    public void Append(string message) => _frames.Add(new NetMQFrame(message));
    /// <summary>Adds a frame encoded with <paramref name="encoding"/> at the end.</summary>
    public void Append(string message, Encoding encoding) => _frames.Add(new NetMQFrame(message, encoding));
    /// <summary>Adds a 4-byte big-endian frame at the end.</summary>
    public void Append(int value) => _frames.Add(IntFrame(value));
    /// <summary>Adds an 8-byte big-endian frame at the end.</summary>
    public void Append(long value) => _frames.Add(LongFrame(value));
    /// <summary>Adds an empty frame at the end.</summary>
    public void AppendEmptyFrame() => _frames.Add(NetMQFrame.Empty);

    /// <summary>Inserts a frame at the front.</summary>
    public void Push(NetMQFrame frame) => _frames.Insert(0, frame);
    /// <summary>Inserts a frame over <paramref name="buffer"/> at the front.</summary>
    public void Push(byte[] buffer) => _frames.Insert(0, new NetMQFrame(buffer));
    /// <summary>Inserts a UTF-8 frame at the front.</summary>
    public void Push(string message) => _frames.Insert(0, new NetMQFrame(message));
    /// <summary>Inserts a frame encoded with <paramref name="encoding"/> at the front.</summary>
    public void Push(string message, Encoding encoding) => _frames.Insert(0, new NetMQFrame(message, encoding));
    /// <summary>Inserts a 4-byte big-endian frame at the front.</summary>
    public void Push(int value) => _frames.Insert(0, IntFrame(value));
    /// <summary>Inserts an 8-byte big-endian frame at the front.</summary>
    public void Push(long value) => _frames.Insert(0, LongFrame(value));
    /// <summary>Inserts an empty frame at the front.</summary>
    public void PushEmptyFrame() => _frames.Insert(0, NetMQFrame.Empty);

    /// <summary>Removes and returns the first frame.</summary>
    public NetMQFrame Pop()
    {
        NetMQFrame frame = _frames[0];
        _frames.RemoveAt(0);
        return frame;
    }

    /// <summary>Removes <paramref name="frame"/> (by reference).</summary>
    public bool RemoveFrame(NetMQFrame frame)
    {
        int i = _frames.FindIndex(f => ReferenceEquals(f, frame));
        if (i < 0) return false;
        _frames.RemoveAt(i);
        return true;
    }

    /// <summary>Removes all frames.</summary>
    public void Clear() => _frames.Clear();

    /// <inheritdoc />
    public IEnumerator<NetMQFrame> GetEnumerator() => _frames.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The frames as UTF-8 text, comma separated, in brackets (as NetMQ prints them).</summary>
    public override string ToString() =>
        IsEmpty ? "NetMQMessage[<no frames>]" : "NetMQMessage[" + string.Join(",", _frames.Select(f => f.ConvertToString())) + "]";

    private static NetMQFrame IntFrame(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return new NetMQFrame(bytes);
    }

    private static NetMQFrame LongFrame(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return new NetMQFrame(bytes);
    }
}
