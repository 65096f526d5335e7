using static Zinc.Reactor.Uring.UringNative;

namespace Zinc.Reactor.Uring;

/// <summary>
/// The receive side: one multishot recv per receiving registration, and the backlog that keeps
/// bytes arriving across a pause (the cancel races data already in flight) so that resuming
/// hands everything over in order.
/// </summary>
internal sealed unsafe partial class UringLoop
{
    public override void StartReceiving(IoRegistration registration)
    {
        registration.Mode = IoMode.Receive;
        registration.Paused = false;
        ArmRecvIfWanted(registration);
    }

    public override void PauseReceiving(IoRegistration registration)
    {
        registration.Paused = true;
        if ((registration.BackendState & (RecvArmed | RecvCancelling)) != RecvArmed) return;
        // Completions the recv produced before the cancel lands still arrive: they go to the
        // backlog. The recv's final completion (-ECANCELED) clears RecvArmed.
        Cancel(registration.Token, OpRecv);
        registration.BackendState |= RecvCancelling;
    }

    public override void ResumeReceiving(IoRegistration registration)
    {
        registration.Paused = false;
        // The backlog is handed over on the next Poll rather than from inside this call, so a
        // handler that resumes from a callback is not re-entered.
        if ((registration.BackendState & HasBacklog) != 0) _resumed.Add(registration);
        ArmRecvIfWanted(registration);
    }

    private void ArmRecvIfWanted(IoRegistration registration)
    {
        if (registration.Mode != IoMode.Receive || registration.Paused || registration.Unregistered) return;
        uint state = registration.BackendState;
        if ((state & RecvArmed) != 0) return; // running, or cancelling: its last completion re-arms
        if ((state & HasBacklog) != 0 && BacklogOf(registration).ClosedErrno >= 0) return; // stream already ended
        Sqe* sqe = _ring.NextSqe();
        sqe->Opcode = OP_RECV;
        sqe->Fd = registration.Fd;
        sqe->IoPrio = RECV_MULTISHOT;
        sqe->Flags = IOSQE_BUFFER_SELECT;
        sqe->BufGroup = ProvidedBufferRing.GroupId; // len 0: a whole buffer per completion
        sqe->UserData = registration.Token | ((ulong)OpRecv << OpShift);
        _ring.Publish();
        registration.BackendState = state | RecvArmed;
    }

    private int OnRecv(IoRegistration registration, int res, uint flags, ReadOnlySpan<byte> data)
    {
        bool more = (flags & CQE_F_MORE) != 0;
        if (!more) registration.BackendState &= ~(RecvArmed | RecvCancelling);
        int handled = 0;
        // Bytes held back by a pause go first, whatever this completion brings.
        if (!registration.Paused && (registration.BackendState & HasBacklog) != 0) handled += DeliverBacklog(registration);
        if (registration.Unregistered || registration.Mode != IoMode.Receive) return handled;
        bool holdBack = registration.Paused || (registration.BackendState & HasBacklog) != 0;
        if (res > 0)
        {
            if (holdBack)
            {
                BacklogOf(registration).Append(data);
            }
            else
            {
                registration.Handler.OnReceived(data);
                handled++;
            }
        }
        else if (res == 0 || (-res != ENOBUFS && -res != ECANCELED))
        {
            // End of stream (0) or a socket error: final, no re-arm.
            if (holdBack)
            {
                BacklogOf(registration).ClosedErrno = -res;
                return handled;
            }
            registration.Mode = IoMode.None;
            registration.Handler.OnReceiveClosed(-res);
            return handled + 1;
        }
        // The multishot ended with the stream still open (out of buffers, cancelled by a pause
        // that has since been lifted, CQ overflow): start another.
        if (!more && !registration.Unregistered) ArmRecvIfWanted(registration);
        return handled;
    }

    public override bool HoldsUnreadBytes(IoRegistration registration) =>
        (registration.BackendState & HasBacklog) != 0 && BacklogOf(registration).Count > 0;

    public override bool TryQuiesceReceive(IoRegistration registration)
    {
        if ((registration.BackendState & (RecvArmed | RecvCancelling)) != 0) return false; // the cancel has not landed
        if ((registration.BackendState & HasBacklog) != 0) DeliverBacklog(registration, endWhilePaused: true);
        return true;
    }

    // ---- the pause backlog ----

    private ReceiveBacklog BacklogOf(IoRegistration registration)
    {
        int slot = (int)(uint)registration.Token;
        while (_backlogs.Count <= slot) _backlogs.Add(null);
        ReceiveBacklog backlog = _backlogs[slot] ??= new ReceiveBacklog();
        registration.BackendState |= HasBacklog;
        return backlog;
    }

    private int DeliverResumed()
    {
        (_resumed, _resumedRunning) = (_resumedRunning, _resumed);
        int handled = 0;
        foreach (IoRegistration registration in _resumedRunning)
        {
            if (registration.Unregistered || registration.Paused || (registration.BackendState & HasBacklog) == 0) continue;
            handled += DeliverBacklog(registration);
            ArmRecvIfWanted(registration);
        }
        _resumedRunning.Clear();
        return handled;
    }

    // The end of the stream waits for a resume, unless the registration is being quiesced
    // (lent to another thread, which must not be left with a stream that has already ended).
    private int DeliverBacklog(IoRegistration registration, bool endWhilePaused = false)
    {
        ReceiveBacklog backlog = BacklogOf(registration);
        int handled = 0;
        if (backlog.Count > 0)
        {
            // Safe to hand out the backlog's own array: nothing is appended while a handler runs
            // (completions are only reaped between calls).
            registration.Handler.OnReceived(backlog.Bytes);
            backlog.ClearBytes();
            handled++;
            if (registration.Unregistered) return handled;
        }
        if (backlog.ClosedErrno < 0)
        {
            registration.BackendState &= ~HasBacklog;
        }
        else if (!registration.Paused || endWhilePaused)
        {
            int errno = backlog.ClosedErrno;
            backlog.ClosedErrno = -1;
            registration.BackendState &= ~HasBacklog;
            registration.Mode = IoMode.None;
            registration.Handler.OnReceiveClosed(errno);
            handled++;
        }
        return handled;
    }
}
