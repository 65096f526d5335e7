namespace Zinc.Pipes;

/// <summary>
/// Whoever waits on a ring's end: a socket or a transport session. Rings call it only on the
/// edges (empty to non-empty for a sleeping reader, full to writable for a sleeping writer).
/// </summary>
internal interface IPipeWaker
{
    void Wake();
}
