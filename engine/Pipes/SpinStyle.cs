namespace Zinc.Pipes;

/// <summary>How a spinning wait polls before it parks (<see cref="WaitStrategy.SpinOnce(int, SpinStyle)"/>).</summary>
internal enum SpinStyle
{
    /// <summary>A reply may be on its way: the first 48 rounds poll finely, then each round yields.</summary>
    Reply,

    /// <summary>
    /// A receive on a stream (the socket has sent nothing since its last receive): the fine
    /// rounds pause at least 16 spin units, so the writer fills a few slots between polls.
    /// </summary>
    Stream,

    /// <summary>Each round reads lent connections (a system call): yield from the third round.</summary>
    Pumping,
}
