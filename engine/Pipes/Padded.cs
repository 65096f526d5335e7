using System.Runtime.InteropServices;

namespace Zinc.Pipes;

/// <summary>A long alone on its cache line (and the adjacent-line prefetch pair), so writes to it
/// never invalidate a neighbour's line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)] public long Value;
}

/// <summary>The writer's private cursor, on lines of its own.</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct WriterCursor
{
    /// <summary>Sequence of the next frame to write (not yet visible to the reader).</summary>
    [FieldOffset(64)] public long Next;
    /// <summary>Sequence last published to the reader.</summary>
    [FieldOffset(72)] public long Flushed;
    /// <summary>Whole messages written (credit counts messages, not frames).</summary>
    [FieldOffset(80)] public long Messages;
    /// <summary>Messages may be written while <see cref="Messages"/> is below this.</summary>
    [FieldOffset(88)] public long CreditLimit;
    /// <summary>Sequence just after the last frame that ended a message.</summary>
    [FieldOffset(96)] public long Boundary;
}

/// <summary>The reader's private cursor, on lines of its own.</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct ReaderCursor
{
    /// <summary>Sequence of the next frame to read.</summary>
    [FieldOffset(64)] public long Next;
    /// <summary>Frames below this sequence are known to be published.</summary>
    [FieldOffset(72)] public long Limit;
    /// <summary>Whole messages read.</summary>
    [FieldOffset(80)] public long Messages;
    /// <summary>Message count last reported to the writer.</summary>
    [FieldOffset(88)] public long Reported;
}
