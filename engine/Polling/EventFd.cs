namespace Zinc.Polling;

/// <summary>
/// A Linux eventfd used as a wake-up line into poll(2): <see cref="Notify"/> (any thread) makes
/// <see cref="Fd"/> readable until the owner calls <see cref="Clear"/>. Non-blocking, close-on-exec.
/// </summary>
internal sealed class EventFd : IDisposable
{
    private readonly NativePoll.FdHandle _handle;

    /// <summary>Creates the eventfd; throws <see cref="ZmqException"/> (EMFILE...) if the kernel refuses.</summary>
    public EventFd()
    {
        _handle = new NativePoll.FdHandle(NativePoll.CreateEventFd());
    }

    /// <summary>The descriptor to put in a pollfd with POLLIN.</summary>
    public int Fd => _handle.Fd;

    /// <summary>Makes <see cref="Fd"/> readable. Safe from any thread, also racing with <see cref="Dispose"/> (then it does nothing).</summary>
    public void Notify()
    {
        // The marshaller takes a reference on the handle for the duration of write(2), so a
        // concurrent Dispose closes the descriptor only after this write returns.
        try
        {
            NativePoll.AddOne(_handle);
        }
        catch (ObjectDisposedException)
        {
            // The poller is gone: nobody is left to wake.
        }
    }

    /// <summary>Makes <see cref="Fd"/> unreadable again (owner thread).</summary>
    public void Clear() => NativePoll.Clear(_handle);

    /// <summary>Closes the descriptor once no <see cref="Notify"/> is using it.</summary>
    public void Dispose() => _handle.Dispose();
}
