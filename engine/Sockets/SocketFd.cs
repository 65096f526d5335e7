using Zinc.Pipes;
using Zinc.Polling;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_FD: a file descriptor (an eventfd) that becomes readable when the socket's readiness may
/// have changed, for event loops that poll file descriptors. As in libzmq it only says "look
/// again": the application then reads ZMQ_EVENTS, which clears it and re-arms the pipes.
/// </summary>
internal sealed class SocketFd : IPipeWaker, IDisposable
{
    private readonly EventFd _eventFd = new();

    public int Fd => _eventFd.Fd;

    public void Wake() => _eventFd.Notify();

    /// <summary>Called when ZMQ_EVENTS is read: from here on, a change signals the fd again.</summary>
    public void Clear() => _eventFd.Clear();

    public void Dispose() => _eventFd.Dispose();
}
