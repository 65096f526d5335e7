using Zinc.Reactor.Native;

namespace Zinc.Reactor;

/// <summary>
/// The readiness backend: one epoll instance, level-triggered, with an eventfd for wake-ups
/// from other threads. Reads go into one loop-wide buffer and are handed to the handler in place.
/// </summary>
internal sealed unsafe class EpollLoop : IoLoop
{
    private const ulong WakeToken = ulong.MaxValue;
    private const int MaxEvents = 256;
    private const int ReadBufferSize = 256 * 1024;
    // How much one descriptor may read per turn, so one busy peer cannot starve the others.
    private const int ReadBudget = 4 * ReadBufferSize;

    private readonly int _epoll;
    // SafeHandle-backed: a Notify racing the loop's shutdown never writes to a reused descriptor.
    private readonly Polling.EventFd _wake;
    private readonly LibC.EpollEvent* _events;
    private readonly byte* _readBuffer;

    public EpollLoop(string name)
        : base(name)
    {
        _epoll = LibC.epoll_create1(LibC.EPOLL_CLOEXEC);
        if (_epoll < 0) throw new ZmqException(ZmqError.EMFILE, $"epoll_create1 failed, errno {LibC.Errno}");
        try
        {
            _wake = new Polling.EventFd();
        }
        catch (ZmqException)
        {
            LibC.Close(_epoll);
            throw;
        }
        LibC.EpollEvent ev = new() { Events = LibC.EPOLLIN, Data = WakeToken };
        LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_ADD, _wake.Fd, &ev);
        _events = (LibC.EpollEvent*)System.Runtime.InteropServices.NativeMemory.Alloc(MaxEvents, (nuint)sizeof(LibC.EpollEvent));
        _readBuffer = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(ReadBufferSize, 64);
    }

    public override string Backend => "epoll";

    public override void StartReceiving(IoRegistration registration)
    {
        registration.Mode = IoMode.Receive;
        registration.Paused = false;
        UpdateInterest(registration);
    }

    public override void PauseReceiving(IoRegistration registration)
    {
        registration.Paused = true;
        UpdateInterest(registration);
    }

    public override void ResumeReceiving(IoRegistration registration)
    {
        registration.Paused = false;
        UpdateInterest(registration);
    }

    public override void StartAccepting(IoRegistration registration)
    {
        registration.Mode = IoMode.Accept;
        UpdateInterest(registration);
    }

    public override void WaitWritable(IoRegistration registration)
    {
        registration.WantWritable = true;
        UpdateInterest(registration);
    }

    protected override void OnUnregistering(IoRegistration registration)
    {
        if (registration.InEpollSet) LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_DEL, registration.Fd, null);
        registration.InEpollSet = false;
        registration.BackendState = 0;
    }

    private void UpdateInterest(IoRegistration registration)
    {
        if (registration.Unregistered) return;
        uint want = 0;
        if (registration.Mode != IoMode.None && !registration.Paused) want |= LibC.EPOLLIN;
        if (registration.WantWritable) want |= LibC.EPOLLOUT;
        uint have = registration.BackendState;
        if (want == have) return;
        LibC.EpollEvent ev = new() { Events = want, Data = registration.Token };
        // A descriptor with no interest stays in the set with an empty mask (ERR/HUP are still
        // reported, and handled as "readable" or "writable" when asked for).
        int op = registration.InEpollSet ? LibC.EPOLL_CTL_MOD : LibC.EPOLL_CTL_ADD;
        if (LibC.epoll_ctl(_epoll, op, registration.Fd, &ev) == 0) registration.InEpollSet = true;
        registration.BackendState = want;
    }

    protected override void Notify() => _wake.Notify();

    protected override int Poll(int timeoutMs)
    {
        int count = LibC.epoll_wait(_epoll, _events, MaxEvents, timeoutMs);
        if (count <= 0) return 0; // timeout or EINTR (the runtime's signals)
        int handled = 0;
        for (int i = 0; i < count; i++)
        {
            ulong token = _events[i].Data;
            uint events = _events[i].Events;
            if (token == WakeToken)
            {
                _wake.Clear();
                continue;
            }
            IoRegistration? registration = Lookup(token);
            if (registration is null) continue;
            handled++;
            bool failed = (events & (LibC.EPOLLERR | LibC.EPOLLHUP)) != 0;
            if ((events & LibC.EPOLLOUT) != 0 || failed && registration.WantWritable)
            {
                registration.WantWritable = false;
                UpdateInterest(registration);
                registration.Handler.OnWritable();
                if (registration.Unregistered) continue;
            }
            if ((events & LibC.EPOLLIN) != 0 || failed && registration.Mode != IoMode.None && !registration.Paused)
            {
                if (registration.Mode == IoMode.Accept) AcceptAll(registration);
                else if (registration.Mode == IoMode.Receive) ReadSome(registration);
            }
            else if (failed && !registration.Unregistered)
            {
                // ERR/HUP are reported whatever the mask: with nobody asking (a paused reader), take
                // the descriptor out of the set until someone does, or the loop would spin on it.
                LibC.epoll_ctl(_epoll, LibC.EPOLL_CTL_DEL, registration.Fd, null);
                registration.InEpollSet = false;
                registration.BackendState = 0;
            }
        }
        return handled;
    }

    private void ReadSome(IoRegistration registration)
    {
        int total = 0;
        while (!registration.Unregistered && !registration.Paused && registration.Mode == IoMode.Receive)
        {
            nint n = LibC.recv(registration.Fd, _readBuffer, ReadBufferSize, 0);
            if (n > 0)
            {
                total += (int)n;
                registration.Handler.OnReceived(new ReadOnlySpan<byte>(_readBuffer, (int)n));
                if (n < ReadBufferSize || total >= ReadBudget) return;
                continue;
            }
            int errno = n == 0 ? 0 : LibC.Errno;
            if (errno == LibC.EAGAIN) return;
            if (errno == LibC.EINTR) continue;
            registration.Mode = IoMode.None;
            UpdateInterest(registration);
            registration.Handler.OnReceiveClosed(errno);
            return;
        }
    }

    private void AcceptAll(IoRegistration registration)
    {
        for (int i = 0; i < 64 && !registration.Unregistered; i++)
        {
            int fd = LibC.accept4(registration.Fd, null, null, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            if (fd >= 0)
            {
                registration.Handler.OnAccepted(fd);
                continue;
            }
            int errno = LibC.Errno;
            if (errno == LibC.EAGAIN) return;
            if (errno == LibC.EINTR || errno == LibC.ECONNABORTED) continue;
            registration.Handler.OnAcceptFailed(errno);
            return;
        }
    }

    protected override void OnStopped()
    {
        _wake.Dispose();
        LibC.Close(_epoll);
        System.Runtime.InteropServices.NativeMemory.Free(_events);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(_readBuffer);
    }
}
