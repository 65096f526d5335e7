namespace Zinc.Reactor.Uring;

/// <summary>
/// Bytes a multishot recv delivered while its registration was paused (the cancel races with
/// data already in flight), kept in arrival order with the end of stream if it came too. They
/// are handed over first on resume, so pausing never loses or reorders a byte. Only the pause
/// path touches this; it is reused across pauses for the same slot.
/// </summary>
internal sealed class ReceiveBacklog
{
    private byte[] _bytes = Array.Empty<byte>();

    public int Count { get; private set; }

    /// <summary>The errno of an end of stream that arrived while paused (0 for EOF), or -1.</summary>
    public int ClosedErrno { get; set; } = -1;

    public bool IsEmpty => Count == 0 && ClosedErrno < 0;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Count);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (Count + data.Length > _bytes.Length)
        {
            var grown = new byte[Math.Max(Count + data.Length, Math.Max(4096, _bytes.Length * 2))];
            _bytes.AsSpan(0, Count).CopyTo(grown);
            _bytes = grown;
        }
        data.CopyTo(_bytes.AsSpan(Count));
        Count += data.Length;
    }

    public void ClearBytes() => Count = 0;

    public void Reset()
    {
        Count = 0;
        ClosedErrno = -1;
        // Do not hold on to a large burst for the life of the slot.
        if (_bytes.Length > 1 << 20) _bytes = Array.Empty<byte>();
    }
}
