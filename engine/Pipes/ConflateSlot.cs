namespace Zinc.Pipes;

/// <summary>
/// The queue of a ZMQ_CONFLATE link: only the newest whole message is kept. The writer collects
/// a message's frames privately and swaps the complete message in under a lock (the older one,
/// unread, is released); the reader swaps it out whole and hands its frames over one by one.
/// So a reader never sees half a message, and an unread link holds one message.
/// </summary>
internal sealed class ConflateSlot
{
    private readonly object _lock = new();
    private List<Msg> _writing = new();  // writer's own: the message being written
    private List<Msg> _latest = new();   // shared, under the lock: the newest whole message
    private volatile bool _hasLatest;
    private List<Msg> _reading = new();  // reader's own: the message being handed out
    private int _readIndex;

    public void Write(ref Msg msg)
    {
        bool last = !msg.HasMore;
        _writing.Add(msg);
        msg = default;
        if (!last) return;
        lock (_lock)
        {
            CloseAll(_latest, 0);
            (_latest, _writing) = (_writing, _latest);
            _hasLatest = true;
        }
    }

    public bool CanRead => _readIndex < _reading.Count || _hasLatest;

    public bool TryRead(out Msg msg)
    {
        if (_readIndex == _reading.Count)
        {
            if (!_hasLatest)
            {
                msg = default;
                return false;
            }
            lock (_lock)
            {
                _reading.Clear();
                (_reading, _latest) = (_latest, _reading);
                _hasLatest = false;
            }
            _readIndex = 0;
        }
        msg = _reading[_readIndex];
        _reading[_readIndex] = default;
        _readIndex++;
        return true;
    }

    /// <summary>Releases every frame still held; called when both ends have left.</summary>
    public void ReleaseAll()
    {
        CloseAll(_writing, 0);
        CloseAll(_latest, 0);
        CloseAll(_reading, _readIndex);
    }

    private static void CloseAll(List<Msg> frames, int from)
    {
        for (int i = from; i < frames.Count; i++)
        {
            Msg frame = frames[i];
            frame.Close();
        }
        frames.Clear();
    }
}
