namespace Zinc.Pipes;

/// <summary>
/// References to pooled buffers that a reader has finished with, given back together: an
/// encoder taking a stream of slab-carved messages (see <see cref="MsgSlab"/>) from a ring drops
/// one locked decrement per run of messages from the same slab instead of one per message.
/// </summary>
/// <remarks>The caller must <see cref="Flush"/> before it returns; until then the buffer stays referenced.</remarks>
internal struct ReleaseBatch
{
    private MsgBuffer? _buffer;
    private int _count;

    public void Add(MsgBuffer buffer)
    {
        if (!ReferenceEquals(buffer, _buffer))
        {
            Flush();
            _buffer = buffer;
        }
        _count++;
    }

    public void Flush()
    {
        MsgBuffer? buffer = _buffer;
        if (buffer is null) return;
        if (_count == 1) buffer.Release();
        else buffer.Release(_count);
        _buffer = null;
        _count = 0;
    }
}
