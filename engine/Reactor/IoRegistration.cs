namespace Zinc.Reactor;

/// <summary>How a registered descriptor is being watched.</summary>
internal enum IoMode : byte
{
    None,
    Receive,
    Accept,
}

/// <summary>
/// One descriptor registered with a loop: its handler and the backend's bookkeeping. The loop
/// finds it again from a completion or event by <see cref="Token"/> (slot plus generation), so
/// an event that arrives after the descriptor was unregistered is recognised and dropped.
/// </summary>
internal sealed class IoRegistration
{
    public IoRegistration(int fd, IIoHandler handler)
    {
        Fd = fd;
        Handler = handler;
    }

    public int Fd { get; }

    public IIoHandler Handler { get; }

    /// <summary>Slot in the loop's table (low 32 bits) and generation (high 32 bits).</summary>
    public ulong Token { get; set; }

    public IoMode Mode { get; set; }

    /// <summary>Receiving is paused (the handler has no room for more data).</summary>
    public bool Paused { get; set; }

    /// <summary>A <see cref="IIoHandler.OnWritable"/> is owed.</summary>
    public bool WantWritable { get; set; }

    public bool Unregistered { get; set; }

    /// <summary>epoll: the descriptor has been added to the interest set.</summary>
    public bool InEpollSet { get; set; }

    /// <summary>Backend state: the epoll interest mask, or io_uring's in-flight operation bits.</summary>
    public uint BackendState { get; set; }
}
