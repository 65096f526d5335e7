using Zinc.Reactor.Native;
using static Zinc.Reactor.Uring.UringNative;

namespace Zinc.Reactor.Uring;

/// <summary>
/// The completion backend: one io_uring per loop. Receiving is a multishot recv into a ring
/// of provided buffers (each completion's bytes go to the handler in place, then the buffer
/// goes straight back), accepting a multishot accept, writability a one-shot poll, and
/// wake-ups an eventfd watched by a multishot poll. Same contract as <see cref="EpollLoop"/>.
/// </summary>
internal sealed unsafe partial class UringLoop : IoLoop
{
    private const uint SqEntries = 256;
    private const uint CqEntries = 4096;
    // 4 MiB of receive buffers per loop, shared by all its descriptors.
    private const int DefaultBufferCount = 256;
    private const int DefaultBufferSize = 16 * 1024;
    // Completions handled per Poll, so posted work and timers get a turn under a flood.
    private const int ReapBudget = 1024;

    // user_data = registration token (slot in the low 24 bits, generation in the high 32)
    // with the operation in bits 24..31. Slots stay below 2^24 (checked in OnRegistered).
    private const int OpShift = 24;
    private const ulong OpMask = 0xFFUL << OpShift;
    private const byte OpRecv = 1, OpAccept = 2, OpPollOut = 3, OpCancel = 4, OpWake = 5;
    private const ulong WakeTag = (ulong)OpWake << OpShift; // generation 0: never a live token

    // BackendState bits: operations in flight, and whether a backlog waits to be delivered.
    private const uint RecvArmed = 1, RecvCancelling = 2, AcceptArmed = 4, PollArmed = 8, HasBacklog = 16;

    // Tried in order until the kernel accepts one. R_DISABLED lets the ring be built here and
    // bound to the loop thread later (SINGLE_ISSUER takes the thread that enables it).
    private static readonly uint[] SetupChoices =
    {
        SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN | SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG,
        SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN | SETUP_TASKRUN_FLAG,
        SETUP_SINGLE_ISSUER | SETUP_DEFER_TASKRUN,
        SETUP_SINGLE_ISSUER | SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG,
        SETUP_COOP_TASKRUN | SETUP_TASKRUN_FLAG,
        0,
    };

    private readonly UringRing _ring;
    private readonly ProvidedBufferRing _buffers;
    // SafeHandle-backed: a Notify racing the loop's shutdown never writes to a reused descriptor.
    private readonly Polling.EventFd _wake;
    // With TASKRUN_FLAG the kernel flags pending completions in the SQ ring, so a non-blocking
    // poll can skip the syscall when nothing is flagged.
    private readonly bool _flagsPendingWork;
    private readonly List<ReceiveBacklog?> _backlogs = new();
    private List<IoRegistration> _resumed = new();
    private List<IoRegistration> _resumedRunning = new();

    public UringLoop(string name)
        : this(name, DefaultBufferCount, DefaultBufferSize)
    {
    }

    /// <summary>A loop with a chosen buffer ring (tests use a tiny one to run it dry).</summary>
    public UringLoop(string name, int bufferCount, int bufferSize)
        : base(name)
    {
        if (!UringSupport.IsSupported) throw new NotSupportedException($"io_uring unavailable: {UringSupport.UnsupportedReason}");
        _wake = new Polling.EventFd();
        int rc = -LibC.EINVAL;
        UringRing? ring = null;
        foreach (uint flags in SetupChoices)
        {
            rc = UringRing.Create(SqEntries, CqEntries, flags | SETUP_R_DISABLED | SETUP_SUBMIT_ALL, out ring);
            if (rc != -LibC.EINVAL) break;
        }
        if (rc < 0 || ring is null)
        {
            _wake.Dispose();
            throw new ZmqException(ZmqError.ENOMEM, $"io_uring_queue_init_params failed, errno {-rc}");
        }
        _ring = ring;
        _flagsPendingWork = (ring.Flags & SETUP_TASKRUN_FLAG) != 0;
        LastSetupFlags = ring.Flags;
        _buffers = new ProvidedBufferRing(bufferCount, bufferSize);
        rc = _buffers.Register(ring);
        if (rc < 0)
        {
            ring.Dispose();
            _buffers.Dispose();
            _wake.Dispose();
            throw new ZmqException(ZmqError.ENOMEM, $"io_uring_register_buf_ring failed, errno {-rc}");
        }
    }

    /// <summary>Whether io_uring can be used here (probed once).</summary>
    public static bool IsSupported => UringSupport.IsSupported;

    /// <summary>Why not, when <see cref="IsSupported"/> is false.</summary>
    public static string? UnsupportedReason => UringSupport.UnsupportedReason;

    /// <summary>The IORING_SETUP_* flags the kernel accepted for the most recent ring, 0 before any.</summary>
    public static uint LastSetupFlags { get; private set; }

    public override string Backend => "io_uring";

    public static string DescribeSetup(uint flags)
    {
        var names = new List<string>();
        if ((flags & SETUP_SINGLE_ISSUER) != 0) names.Add("SINGLE_ISSUER");
        if ((flags & SETUP_DEFER_TASKRUN) != 0) names.Add("DEFER_TASKRUN");
        if ((flags & SETUP_COOP_TASKRUN) != 0) names.Add("COOP_TASKRUN");
        if ((flags & SETUP_TASKRUN_FLAG) != 0) names.Add("TASKRUN_FLAG");
        if ((flags & SETUP_SUBMIT_ALL) != 0) names.Add("SUBMIT_ALL");
        return names.Count == 0 ? "none" : string.Join('|', names);
    }

    protected override void OnThreadStarted()
    {
        // Binds the ring to this thread: with SINGLE_ISSUER the enabling task becomes the only
        // one allowed to submit, and with DEFER_TASKRUN the only one that reaps.
        int rc = io_uring_register((uint)_ring.Fd, REGISTER_ENABLE_RINGS, null, 0);
        if (rc < 0) throw new InvalidOperationException($"IORING_REGISTER_ENABLE_RINGS failed, errno {-rc}");
        ArmWake();
    }

    // ---- requests (loop thread) ----

    public override void StartAccepting(IoRegistration registration)
    {
        registration.Mode = IoMode.Accept;
        if ((registration.BackendState & AcceptArmed) == 0) ArmAccept(registration);
    }

    public override void WaitWritable(IoRegistration registration)
    {
        registration.WantWritable = true;
        if ((registration.BackendState & PollArmed) != 0) return;
        Sqe* sqe = _ring.NextSqe();
        sqe->Opcode = OP_POLL_ADD;
        sqe->Fd = registration.Fd;
        sqe->OpFlags = POLLOUT; // poll32_events; len 0 = one-shot
        sqe->UserData = registration.Token | ((ulong)OpPollOut << OpShift);
        _ring.Publish();
        registration.BackendState |= PollArmed;
    }

    protected override void OnRegistered(IoRegistration registration)
    {
        int slot = (int)(uint)registration.Token;
        if (slot >= 1 << OpShift) throw new InvalidOperationException("too many registrations for one io_uring loop");
        registration.BackendState = 0;
        if (slot < _backlogs.Count) _backlogs[slot]?.Reset();
    }

    protected override void OnUnregistering(IoRegistration registration)
    {
        uint state = registration.BackendState;
        registration.BackendState = 0;
        int slot = (int)(uint)registration.Token;
        if (slot < _backlogs.Count) _backlogs[slot]?.Reset();
        if ((state & (RecvArmed | AcceptArmed | PollArmed)) == 0) return;
        if ((state & (RecvArmed | RecvCancelling)) == RecvArmed) Cancel(registration.Token, OpRecv);
        if ((state & AcceptArmed) != 0) Cancel(registration.Token, OpAccept);
        if ((state & PollArmed) != 0) Cancel(registration.Token, OpPollOut);
        // Submit now and run the resulting task work: the cancelled requests hold references to
        // the socket, and the caller closes the descriptor next, expecting the peer to see it.
        // Their completions carry a stale token and are dropped (buffers recycled) when reaped.
        io_uring_submit_and_get_events(_ring.Handle);
    }

    private void ArmAccept(IoRegistration registration)
    {
        Sqe* sqe = _ring.NextSqe();
        sqe->Opcode = OP_ACCEPT;
        sqe->Fd = registration.Fd;
        sqe->IoPrio = ACCEPT_MULTISHOT;
        sqe->OpFlags = (uint)(LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
        sqe->UserData = registration.Token | ((ulong)OpAccept << OpShift);
        _ring.Publish();
        registration.BackendState |= AcceptArmed;
    }

    private void ArmWake()
    {
        // A multishot poll rather than a read into a buffer: the kernel never writes to our
        // memory for it, and draining the counter is one read(2) per wake-up, which only
        // happens when the loop was asleep.
        Sqe* sqe = _ring.NextSqe();
        sqe->Opcode = OP_POLL_ADD;
        sqe->Fd = _wake.Fd;
        sqe->OpFlags = LibC.EPOLLIN;
        sqe->Len = 1; // IORING_POLL_ADD_MULTI
        sqe->UserData = WakeTag;
        _ring.Publish();
    }

    private void Cancel(ulong token, byte op)
    {
        Sqe* sqe = _ring.NextSqe();
        sqe->Opcode = OP_ASYNC_CANCEL;
        sqe->Fd = -1;
        sqe->Addr = token | ((ulong)op << OpShift);
        sqe->UserData = token | ((ulong)OpCancel << OpShift);
        _ring.Publish();
    }

    protected override void Notify() => _wake.Notify();

    // ---- collecting completions ----

    protected override int Poll(int timeoutMs)
    {
        int handled = _resumed.Count > 0 ? DeliverResumed() : 0;
        UringRing ring = _ring;
        if (timeoutMs == 0 || handled > 0 || ring.HasCompletions)
        {
            if (ring.Unsubmitted > 0) io_uring_submit_and_get_events(ring.Handle);
            // With DEFER_TASKRUN completions are only posted when this thread asks (GETEVENTS);
            // the TASKRUN flag says whether asking would find anything.
            else if (!ring.HasCompletions && (!_flagsPendingWork || ring.KernelHasEvents)) io_uring_get_events(ring.Handle);
        }
        else if (timeoutMs < 0)
        {
            io_uring_submit_and_wait(ring.Handle, 1);
        }
        else
        {
            KernelTimespec ts = new() { Seconds = timeoutMs / 1000, Nanoseconds = timeoutMs % 1000 * 1_000_000L };
            void* cqe;
            io_uring_submit_and_wait_timeout(ring.Handle, &cqe, 1, &ts, null);
        }
        // Results are ignored: -ETIME and -EINTR (the runtime's signals) just mean no events,
        // and whatever did complete is on the CQ ring either way.
        return handled + Reap();
    }

    private int Reap()
    {
        int handled = 0;
        for (int i = 0; i < ReapBudget && _ring.TryTakeCompletion(out Cqe cqe); i++) handled += Dispatch(cqe);
        return handled;
    }

    private int Dispatch(in Cqe cqe)
    {
        byte op = (byte)(cqe.UserData >> OpShift);
        ulong token = cqe.UserData & ~OpMask;
        bool hasBuffer = (cqe.Flags & CQE_F_BUFFER) != 0;
        ushort bufferId = (ushort)(cqe.Flags >> CQE_BUFFER_SHIFT);
        if (op == OpWake)
        {
            _wake.Clear();
            if ((cqe.Flags & CQE_F_MORE) == 0) ArmWake();
            return 0;
        }
        if (op == OpCancel) return 0;
        IoRegistration? registration = Lookup(token);
        if (registration is null)
        {
            // Late completion for an unregistered descriptor: give back what it carries.
            if (hasBuffer) _buffers.Recycle(bufferId);
            if (op == OpAccept && cqe.Res >= 0) LibC.Close(cqe.Res);
            return 0;
        }
        switch (op)
        {
            case OpRecv:
                ReadOnlySpan<byte> data = hasBuffer && cqe.Res > 0 ? _buffers.Get(bufferId, cqe.Res) : default;
                int handled = OnRecv(registration, cqe.Res, cqe.Flags, data);
                // The handler has consumed the span (it is only valid during the call).
                if (hasBuffer) _buffers.Recycle(bufferId);
                return handled;
            case OpAccept:
                return OnAccept(registration, cqe.Res, cqe.Flags);
            case OpPollOut:
                registration.BackendState &= ~PollArmed;
                if (!registration.WantWritable) return 0;
                registration.WantWritable = false;
                registration.Handler.OnWritable();
                return 1;
            default:
                return 0;
        }
    }

    private int OnAccept(IoRegistration registration, int res, uint flags)
    {
        bool more = (flags & CQE_F_MORE) != 0;
        if (!more) registration.BackendState &= ~AcceptArmed;
        int handled = 0;
        if (res >= 0)
        {
            if (registration.Mode == IoMode.Accept)
            {
                registration.Handler.OnAccepted(res);
                handled++;
            }
            else
            {
                LibC.Close(res);
            }
        }
        else if (-res is not (ECANCELED or LibC.EINTR or LibC.EAGAIN or LibC.ECONNABORTED))
        {
            registration.Handler.OnAcceptFailed(-res);
            handled++;
        }
        if (!more && registration.Mode == IoMode.Accept && !registration.Unregistered
            && (registration.BackendState & AcceptArmed) == 0)
        {
            ArmAccept(registration);
        }
        return handled;
    }

    protected override void OnStopped()
    {
        // The buffer ring is unregistered first so the kernel stops picking buffers before
        // their memory goes back to the allocator.
        _buffers.Unregister(_ring);
        _ring.Dispose();
        _buffers.Dispose();
        _wake.Dispose();
    }
}
