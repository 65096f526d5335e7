namespace Zinc.Pipes;

// The high-water mark, which either end may change while the ring is in use.
internal sealed partial class MsgRing
{
    // With no limit the writer still looks at the mark once per this many messages, so a limit
    // the reader sets later takes hold without a check per message.
    private const int UnlimitedWindow = 1 << 16;

    private readonly object _limitLock = new();
    private RingLimit _limit;
    // Read on the writer's credit refill and the reader's per-message report check; written
    // under _limitLock, each end re-reads them on its next pass.
    private volatile int _hwm;
    private volatile int _lwm;
    // Set by the writer when its share changed: the reader's figures may be stale (none were
    // reported while the mark was 0, or fewer than the new mark's worth), and a reader that
    // drains without ever parking must still report once it finds the ring empty.
    private volatile int _reportWanted;

    private void InitLimit(RingLimit limit)
    {
        _limit = limit;
        PublishLimit(limit.Effective);
        _w.CreditLimit = _hwm == 0 ? UnlimitedWindow : _hwm;
    }

    private void PublishLimit(int hwm)
    {
        _lwm = hwm > 1 ? (hwm + 1) / 2 : 1;
        _hwm = hwm;
    }

    /// <summary>Messages in flight before the writer is refused; 0 means unlimited.</summary>
    public int HighWaterMark => _hwm;

    /// <summary>
    /// The writing end's share changed (its socket's SNDHWM). Writer's thread only: its credit is
    /// recomputed at once, so a lower mark refuses the next message already.
    /// </summary>
    public void SetWriterShare(int hwm)
    {
        if (_conflate || !TryChangeShare(writer: hwm, reader: null, out int effective)) return;
        RefillCredit(effective);
        if (effective != 0) _reportWanted = 1;
    }

    // Reader's thread, on an empty read after the writer changed its share.
    private void ReportWanted()
    {
        _reportWanted = 0;
        ReportConsumed();
    }

    /// <summary>
    /// The reading end's share changed (its socket's RCVHWM). Reader's thread only: it reports
    /// what it consumed and wakes a blocked writer, who then sees a higher mark; a lower one it
    /// takes from the writer's cached limit at once.
    /// </summary>
    public void SetReaderShare(int hwm)
    {
        if (_conflate || !TryChangeShare(writer: null, reader: hwm, out int effective)) return;
        ReportConsumed();
        if (effective != 0) LowerWriterLimit(_r.Messages + effective);
    }

    // The one store into the writer's cursor from the reader's side. Should it race with the
    // writer's own refill, the refill's figure holds until the writer next runs out: the new mark
    // then takes hold a window late, never lost.
    private void LowerWriterLimit(long limit)
    {
        long current = Volatile.Read(ref _w.CreditLimit);
        while (limit < current)
        {
            long seen = Interlocked.CompareExchange(ref _w.CreditLimit, limit, current);
            if (seen == current) return;
            current = seen;
        }
    }

    // False when the share is what it was: a socket hands its marks to every pipe it attaches,
    // and most were made with them, so nothing is recomputed, reported or woken then.
    private bool TryChangeShare(int? writer, int? reader, out int effective)
    {
        lock (_limitLock)
        {
            var changed = new RingLimit(writer ?? _limit.WriterShare, reader ?? _limit.ReaderShare);
            effective = changed.Effective;
            if (changed == _limit) return false;
            _limit = changed;
            PublishLimit(effective);
            return true;
        }
    }

    // Writer's thread. While the mark was 0 the reader reported nothing, so _consumed may lag;
    // a reader reports at its next read and before it parks, and that wakes this writer if it
    // had to block meanwhile.
    private void RefillCredit(int hwm) =>
        _w.CreditLimit = hwm == 0 ? _w.Messages + UnlimitedWindow : Volatile.Read(ref _consumed.Value) + hwm;
}
