namespace Zinc;

/// <summary>
/// One entry of a <see cref="ZmqPoll.Poll(Span{PollItem}, int)"/> call (zmq_pollitem_t): a socket, or a plain file
/// descriptor when <see cref="Socket"/> is null, the events asked for, and what was found.
/// </summary>
public struct PollItem
{
    /// <summary>An item for a ZeroMQ socket.</summary>
    public PollItem(Socket socket, PollEvents events)
    {
        Socket = socket;
        Fd = -1;
        Events = events;
    }

    /// <summary>An item for a plain file descriptor (a pipe, a TCP socket...).</summary>
    public PollItem(int fd, PollEvents events)
    {
        Fd = fd;
        Events = events;
    }

    /// <summary>The socket to poll; when set, <see cref="Fd"/> is ignored.</summary>
    public Socket? Socket { get; set; }

    /// <summary>The file descriptor to poll when <see cref="Socket"/> is null; a negative one is skipped.</summary>
    public int Fd { get; set; }

    /// <summary>The events to wait for: POLLIN, POLLOUT (and POLLPRI for descriptors).</summary>
    public PollEvents Events { get; set; }

    /// <summary>
    /// What the last poll found (revents): cleared by every call, then the requested events that
    /// occurred, plus POLLERR for a descriptor in an error or hang-up state.
    /// </summary>
    public PollEvents ReturnedEvents { readonly get; internal set; }
}
