namespace Zinc.Reactor;

/// <summary>
/// What a descriptor registered with an <see cref="IoLoop"/> is told. Every call comes on the
/// loop's thread; none comes after <see cref="IoLoop.Unregister"/>.
/// </summary>
internal interface IIoHandler
{
    /// <summary>Bytes arrived on a receiving stream. The span is only valid during the call.</summary>
    void OnReceived(ReadOnlySpan<byte> data);

    /// <summary>The stream ended: 0 for an orderly close by the peer, else the errno. No more data follows.</summary>
    void OnReceiveClosed(int errno);

    /// <summary>A listener accepted a connection: <paramref name="fd"/> is non-blocking, close-on-exec, and now the handler's.</summary>
    void OnAccepted(int fd);

    /// <summary>accept(2) failed with <paramref name="errno"/> (EMFILE...); the listener keeps listening.</summary>
    void OnAcceptFailed(int errno);

    /// <summary>The descriptor became writable (or failed) after <see cref="IoLoop.WaitWritable"/>.</summary>
    void OnWritable();
}
