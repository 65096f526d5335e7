using Zinc.Pipes;
using Zinc.Polling;

namespace Zinc;

/// <summary>
/// Level-triggered multiplexing over sockets and plain file descriptors (zmq_poller). Like the
/// sockets it polls it is not thread-safe: use it from the thread that owns those sockets.
/// </summary>
/// <remarks>
/// A wait checks every item, spins a bounded number of rounds re-checking, then arms the
/// sockets' pipes so their next edge wakes this poller and parks: on a <see cref="Signal"/> when
/// only sockets are polled, in poll(2) over the descriptors plus an eventfd when there are any.
/// A poller stays registered with each socket it holds until the socket is removed or the
/// poller disposed.
/// </remarks>
public sealed partial class Poller : IDisposable, IPipeWaker
{
    private struct Entry
    {
        public Socket? Socket;
        public int Fd;
        public PollEvents Events;
        public object? UserData;
        public PollEvents Returned;
        public int PollIndex; // slot in _pollFds for descriptors, -1 for sockets
    }

    private const int FirstParkSlice = 1;
    private const int LastParkSlice = 64;
    private const int SpinRoundsPerFdPoll = 16;

    // Listeners of a transient poller (the one behind ZmqPoll) are registered only while it
    // parks, so it never keeps a socket (or a socket it) alive between calls.
    private readonly bool _transient;
    private readonly Signal _signal = new();
    private Entry[] _entries = new Entry[4];
    private int _count;
    private int _sockets;
    private int _fds;
    private NativePoll.PollFd[] _pollFds = new NativePoll.PollFd[1];
    private int _pollFdCount;
    private bool _pollFdsStale;
    private EventFd? _eventFd;
    private int _fdWakeArmed; // 1 while a wake must write the eventfd (we are about to sit in poll(2))
    private int _parkSlice = FirstParkSlice;
    private bool _listening;
    private bool _disposed;

    /// <summary>Creates an empty poller (zmq_poller_new).</summary>
    public Poller()
    {
    }

    internal Poller(bool transient)
    {
        _transient = transient;
    }

    /// <summary>
    /// Set by the C ABI: every park then sits in poll(2) (on the wake-up eventfd when only
    /// sockets are polled), so a signal handler running on the waiting thread ends the wait with
    /// EINTR, as libzmq's zmq_poll and zmq_poller_wait do. The checks and spins before the park
    /// are the same either way.
    /// </summary>
    internal bool Interruptible
    {
        get => _interruptible;
        set
        {
            _interruptible = value;
            _pollFdsStale = true;
        }
    }

    private bool _interruptible;

    /// <summary>Number of sockets and descriptors registered (zmq_poller_size).</summary>
    public int Size => _count;

    /// <summary>Registers a socket (zmq_poller_add): ENOTSOCK if it is closed, EINVAL if it is already registered.</summary>
    public void Add(Socket socket, PollEvents events, object? userData = null)
    {
        ThrowIfUnusable(socket);
        if (IndexOf(socket) >= 0) throw new ZmqException(ZmqError.EINVAL, "socket already added");
        Append(new Entry { Socket = socket, Fd = -1, Events = events, UserData = userData, PollIndex = -1 });
        socket.AddListener(this);
    }

    /// <summary>Registers a plain file descriptor (zmq_poller_add_fd): EINVAL if negative or already registered.</summary>
    public void Add(int fd, PollEvents events, object? userData = null)
    {
        ThrowIfDisposed();
        if (fd < 0) throw new ZmqException(ZmqError.EINVAL, "invalid file descriptor");
        if (IndexOf(fd) >= 0) throw new ZmqException(ZmqError.EINVAL, "file descriptor already added");
        Append(new Entry { Fd = fd, Events = events, UserData = userData });
    }

    /// <summary>Changes the events polled for a socket (zmq_poller_modify): EINVAL if it is not registered.</summary>
    public void Modify(Socket socket, PollEvents events)
    {
        ThrowIfUnusable(socket);
        int index = IndexOf(socket);
        if (index < 0) throw new ZmqException(ZmqError.EINVAL, "socket not added");
        _entries[index].Events = events;
    }

    /// <summary>Changes the events polled for a descriptor (zmq_poller_modify_fd): EINVAL if it is not registered.</summary>
    public void Modify(int fd, PollEvents events)
    {
        ThrowIfDisposed();
        int index = IndexOf(fd);
        if (index < 0) throw new ZmqException(ZmqError.EINVAL, "file descriptor not added");
        _entries[index].Events = events;
        _pollFdsStale = true;
    }

    /// <summary>Unregisters a socket (zmq_poller_remove): EINVAL if it is not registered.</summary>
    public void Remove(Socket socket)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(socket);
        int index = IndexOf(socket);
        if (index < 0) throw new ZmqException(ZmqError.EINVAL, "socket not added");
        socket.RemoveListener(this);
        RemoveAt(index);
    }

    /// <summary>Unregisters a descriptor (zmq_poller_remove_fd): EINVAL if it is not registered.</summary>
    public void Remove(int fd)
    {
        ThrowIfDisposed();
        int index = IndexOf(fd);
        if (index < 0) throw new ZmqException(ZmqError.EINVAL, "file descriptor not added");
        RemoveAt(index);
    }

    /// <summary>
    /// Waits until at least one item is ready and fills <paramref name="events"/> with up to its
    /// length of them, in registration order (zmq_poller_wait_all); returns how many were filled.
    /// <paramref name="timeoutMs"/>: -1 waits forever, 0 only checks. Throws
    /// <see cref="ZmqException"/>: EAGAIN when nothing was ready in time, ETERM when a polled
    /// socket's context was shut down, ENOTSOCK when a polled socket was closed, EINVAL for an
    /// empty <paramref name="events"/>, EFAULT for an empty poller with an infinite timeout.
    /// </summary>
    public int Wait(Span<PollerEvent> events, int timeoutMs)
    {
        ThrowIfDisposed();
        if (events.IsEmpty) throw new ZmqException(ZmqError.EINVAL, "no room for events");
        ZmqException.ThrowIf(WaitCore(timeoutMs));
        return Fill(events);
    }

    /// <summary>Like <see cref="Wait"/> for one event (zmq_poller_wait), but returns false instead of throwing EAGAIN.</summary>
    public bool TryWait(out PollerEvent e, int timeoutMs)
    {
        ThrowIfDisposed();
        e = default;
        ZmqError error = WaitCore(timeoutMs);
        if (error == ZmqError.EAGAIN) return false;
        ZmqException.ThrowIf(error);
        Fill(new Span<PollerEvent>(ref e));
        return true;
    }

    /// <summary>Unregisters from every socket and releases the wake-up descriptor (zmq_poller_destroy).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int i = 0; i < _count; i++) _entries[i].Socket?.RemoveListener(this);
        Array.Clear(_entries, 0, _count);
        _count = _sockets = _fds = 0;
        _eventFd?.Dispose();
    }

    void IPipeWaker.Wake()
    {
        _signal.Set();
        // Only a thread about to sit in poll(2) needs the eventfd; one write per park is enough.
        if (Volatile.Read(ref _fdWakeArmed) == 1 && Interlocked.Exchange(ref _fdWakeArmed, 0) == 1)
            Volatile.Read(ref _eventFd)?.Notify();
    }

    // ---- items ----

    /// <summary>The pollfd array holds the descriptors in item order, then the eventfd; rebuilt only when items change.</summary>
    private void RebuildPollFds()
    {
        if (ParksInPoll && _eventFd is null) Volatile.Write(ref _eventFd, new EventFd());
        if (_pollFds.Length < _fds + 1) _pollFds = new NativePoll.PollFd[Math.Max(_fds + 1, _pollFds.Length * 2)];
        int slot = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _entries[i];
            if (entry.Socket is not null)
            {
                entry.PollIndex = -1;
                continue;
            }
            // A negative descriptor is skipped by the kernel: nothing asked for, nothing reported.
            bool wanted = entry.Events != PollEvents.None && entry.Fd >= 0;
            _pollFds[slot] = new NativePoll.PollFd
            {
                Fd = wanted ? entry.Fd : -1,
                Events = NativePoll.FromPollEvents(entry.Events),
            };
            entry.PollIndex = slot++;
        }
        _pollFdCount = slot;
        _pollFds[slot] = new NativePoll.PollFd { Fd = _eventFd?.Fd ?? -1, Events = NativePoll.PollIn };
        _pollFdsStale = false;
    }

    private void Append(Entry entry)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = entry;
        if (entry.Socket is null) _fds++;
        else _sockets++;
        _pollFdsStale = true;
    }

    private void RemoveAt(int index)
    {
        if (_entries[index].Socket is null) _fds--;
        else _sockets--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _entries[--_count] = default;
        _pollFdsStale = true;
    }

    private int IndexOf(Socket socket)
    {
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_entries[i].Socket, socket)) return i;
        }
        return -1;
    }

    private int IndexOf(int fd)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_entries[i].Socket is null && _entries[i].Fd == fd) return i;
        }
        return -1;
    }

    /// <summary>Replaces the items with <paramref name="items"/> for one ZmqPoll call (transient pollers only; duplicates allowed).</summary>
    internal void Load(ReadOnlySpan<PollItem> items)
    {
        if (_entries.Length < items.Length) _entries = new Entry[items.Length];
        else Array.Clear(_entries, 0, _count);
        _count = _sockets = _fds = 0;
        for (int i = 0; i < items.Length; i++)
        {
            ref readonly PollItem item = ref items[i];
            // As in zmq_poll, a socket takes precedence over the descriptor.
            Append(item.Socket is { } socket
                ? new Entry { Socket = socket, Fd = -1, Events = item.Events, PollIndex = -1 }
                : new Entry { Fd = item.Fd, Events = item.Events });
        }
    }

    /// <summary>Forgets the sockets of the last <see cref="Load"/> so none is kept alive by this thread.</summary>
    internal void Unload()
    {
        for (int i = 0; i < _count; i++) _entries[i].Socket = null;
        _count = _sockets = _fds = 0;
    }

    /// <summary>What the last wait found for item <paramref name="index"/>.</summary>
    internal PollEvents ReturnedAt(int index) => _entries[index].Returned;

    private void ThrowIfUnusable(Socket socket)
    {
        ThrowIfDisposed();
        if (socket is null || socket.IsClosed) throw new ZmqException(ZmqError.ENOTSOCK);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
