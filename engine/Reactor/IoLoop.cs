using System.Collections.Concurrent;
using System.Diagnostics;

namespace Zinc.Reactor;

/// <summary>
/// One IO worker: a thread that owns a set of descriptors and runs their handlers, posted work
/// and timers. The backend (<see cref="EpollLoop"/>, the io_uring loop) supplies how readiness
/// or completions are collected; everything else lives here.
/// </summary>
internal abstract class IoLoop : IDisposable
{
    private readonly ConcurrentQueue<IIoWork> _posted = new();
    private readonly PriorityQueue<IoTimer, long> _timers = new();
    private readonly List<IoRegistration?> _slots = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly List<IParkRecheck> _recheck = new();
    private readonly List<IParkRecheck> _recheckRunning = new();
    private List<IIoWork> _afterPoll = new();
    private List<IIoWork> _afterPollRunning = new();
    private Thread? _thread;
    private int _sleeping;
    private volatile bool _stopping;
    private uint _generation;

    protected IoLoop(string name) => Name = name;

    public string Name { get; }

    /// <summary>The backend's name, as the bench tools print it ("epoll", "io_uring").</summary>
    public abstract string Backend { get; }

    /// <summary>How long the loop keeps polling without blocking after it last had work, in microseconds.</summary>
    public int SpinMicroseconds { get; set; } = DefaultSpinMicroseconds;

    /// <summary>
    /// 5 µs, or ZINC_IO_SPIN_US (a busy-poll setup gives it a large value: the loop never
    /// sleeps). Short: a loop that keeps polling takes the core from the application threads on
    /// a small machine, while the work it waits for comes by posted work that wakes it anyway.
    /// </summary>
    public static int DefaultSpinMicroseconds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("ZINC_IO_SPIN_US"), out int us) && us >= 0 ? us : 5;

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>True once <see cref="Dispose"/> began: work posted now may never run.</summary>
    public bool IsStopping => _stopping;

    public void Start(ThreadSetup? setup)
    {
        _thread = new Thread(() =>
        {
            setup?.Apply();
            OnThreadStarted();
            Run();
        })
        {
            IsBackground = true,
            Name = setup?.Name ?? Name,
        };
        _thread.Start();
    }

    // ---- registration (loop thread) ----

    public IoRegistration Register(int fd, IIoHandler handler)
    {
        var registration = new IoRegistration(fd, handler);
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : AddSlot();
        _slots[slot] = registration;
        registration.Token = (ulong)(uint)slot | ((ulong)++_generation << 32);
        OnRegistered(registration);
        return registration;
    }

    private int AddSlot()
    {
        _slots.Add(null);
        return _slots.Count - 1;
    }

    /// <summary>Stops every callback for the descriptor; the caller closes it afterwards.</summary>
    public void Unregister(IoRegistration registration)
    {
        if (registration.Unregistered) return;
        registration.Unregistered = true;
        OnUnregistering(registration);
        int slot = (int)(uint)registration.Token;
        _slots[slot] = null;
        _freeSlots.Push(slot);
    }

    /// <summary>The registration a token names, or null if it was unregistered since.</summary>
    protected IoRegistration? Lookup(ulong token)
    {
        int slot = (int)(uint)token;
        if ((uint)slot >= (uint)_slots.Count) return null;
        IoRegistration? registration = _slots[slot];
        return registration is not null && registration.Token == token ? registration : null;
    }

    /// <summary>Delivers received bytes to the handler until paused, closed or unregistered.</summary>
    public abstract void StartReceiving(IoRegistration registration);

    /// <summary>Stops delivering bytes until <see cref="ResumeReceiving"/>. Bytes already read may still arrive once.</summary>
    public abstract void PauseReceiving(IoRegistration registration);

    public abstract void ResumeReceiving(IoRegistration registration);

    /// <summary>Accepts connections on a listening descriptor until unregistered.</summary>
    public abstract void StartAccepting(IoRegistration registration);

    /// <summary>Calls <see cref="IIoHandler.OnWritable"/> once when the descriptor can be written (or has failed).</summary>
    public abstract void WaitWritable(IoRegistration registration);

    /// <summary>
    /// Lending a descriptor's reading to another thread (<c>ZmtpEngine.Lending</c>): true once
    /// the loop reads nothing more for it after <see cref="PauseReceiving"/>, every byte it
    /// read already handed to the handler. A backend whose pause lands later (io_uring's cancel)
    /// answers false until it has, delivering bytes (and an end of stream) it held back.
    /// </summary>
    public virtual bool TryQuiesceReceive(IoRegistration registration) => true;

    /// <summary>
    /// True when the loop has read bytes from the descriptor that it has not handed to the
    /// handler yet (io_uring's pause backlog): a heartbeat check counts them as the peer's life,
    /// as it counts bytes still unread in the socket.
    /// </summary>
    public virtual bool HoldsUnreadBytes(IoRegistration registration) => false;

    protected virtual void OnRegistered(IoRegistration registration)
    {
    }

    protected abstract void OnUnregistering(IoRegistration registration);

    // ---- cross-thread ----

    /// <summary>Runs <paramref name="work"/> on the loop thread soon. Any thread.</summary>
    public void Post(IIoWork work)
    {
        _posted.Enqueue(work);
        // Enqueue is an interlocked operation, so this read cannot pass it: either the loop sees
        // the work before it sleeps, or we see it sleeping and wake it.
        if (Volatile.Read(ref _sleeping) != 0 && Interlocked.Exchange(ref _sleeping, 0) != 0) Notify();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on this loop's next turn, after it has collected completions
    /// (loop thread): work that waits for a completion re-queues itself here, where
    /// <see cref="Post"/> would run it again before the loop ever polls.
    /// </summary>
    public void PostAfterPoll(IIoWork work) => _afterPoll.Add(work);

    /// <summary>Asks for one more look at a parked pipe before the loop next sleeps (loop thread).</summary>
    public void AddParkRecheck(IParkRecheck reader) => _recheck.Add(reader);

    /// <summary>Interrupts a blocking <see cref="Poll"/> from another thread.</summary>
    protected abstract void Notify();

    // ---- timers (loop thread) ----

    public void Schedule(IoTimer timer, int delayMs)
    {
        timer.Due = Math.Max(1, MonotonicClock.Milliseconds + Math.Max(0, delayMs));
        _timers.Enqueue(timer, timer.Due);
    }

    public static void Cancel(IoTimer timer) => timer.Due = 0;

    private void RunTimers()
    {
        if (_timers.Count == 0) return;
        long now = MonotonicClock.Milliseconds;
        while (_timers.TryPeek(out IoTimer? timer, out long due) && due <= now)
        {
            _timers.Dequeue();
            if (timer.Due != due) continue; // cancelled or moved
            timer.Due = 0;
            timer.Fire();
        }
    }

    private int MillisecondsToNextTimer()
    {
        while (_timers.TryPeek(out IoTimer? timer, out long due))
        {
            if (timer.Due == due) return (int)Math.Clamp(due - MonotonicClock.Milliseconds, 0, int.MaxValue);
            _timers.Dequeue();
        }
        return -1;
    }

    // ---- the loop ----

    /// <summary>
    /// Collects readiness or completions and dispatches them; blocks at most
    /// <paramref name="timeoutMs"/> (0 polls, -1 forever). Returns how many events it handled.
    /// </summary>
    protected abstract int Poll(int timeoutMs);

    private bool RunPosted()
    {
        bool any = false;
        while (_posted.TryDequeue(out IIoWork? work))
        {
            any = true;
            work.RunOnLoop();
        }
        return any;
    }

    private bool RunAfterPoll()
    {
        (_afterPoll, _afterPollRunning) = (_afterPollRunning, _afterPoll);
        foreach (IIoWork work in _afterPollRunning) work.RunOnLoop();
        _afterPollRunning.Clear();
        return true;
    }

    private void Run()
    {
        long spinTicks = (long)((double)Stopwatch.Frequency * SpinMicroseconds / 1_000_000);
        long lastWork = Stopwatch.GetTimestamp();
        while (!_stopping)
        {
            bool worked = RunPosted();
            // Completions before timers: after a stall (a GC, a starved core) the bytes that came
            // meanwhile, a PONG say, must reach their connection before its heartbeat timeout runs.
            worked |= Poll(0) > 0;
            RunTimers();
            if (_afterPoll.Count > 0) worked |= RunAfterPoll();
            if (worked)
            {
                lastWork = Stopwatch.GetTimestamp();
                continue;
            }
            if (Stopwatch.GetTimestamp() - lastWork < spinTicks)
            {
                Thread.Yield(); // hand the core to a runnable thread (2-core machines run four busy ones)
                continue;
            }
            if (RecheckParked()) continue;
            Volatile.Write(ref _sleeping, 1);
            Interlocked.MemoryBarrier();
            if (!_posted.IsEmpty)
            {
                Volatile.Write(ref _sleeping, 0);
                continue;
            }
            int timeout = MillisecondsToNextTimer();
            if (_recheck.Count > 0) timeout = timeout < 0 ? 1 : Math.Min(timeout, 1);
            if (Poll(timeout) > 0) lastWork = Stopwatch.GetTimestamp();
            Volatile.Write(ref _sleeping, 0);
        }
        OnStopped();
    }

    // A reader that parked during the last work has been parked for at least the spin phase
    // (or, with no spin, the 1 ms wait armed below): any pipe write that raced its park is
    // visible by now, so one look is enough.
    private bool RecheckParked()
    {
        if (_recheck.Count == 0) return false;
        if (SpinMicroseconds == 0)
        {
            long now = MonotonicClock.Milliseconds;
            if (_recheckArmedAt == 0) _recheckArmedAt = now;
            if (now - _recheckArmedAt < 1) return false;
        }
        _recheckArmedAt = 0;
        _recheckRunning.AddRange(_recheck);
        _recheck.Clear();
        foreach (IParkRecheck reader in _recheckRunning) reader.RecheckParked();
        _recheckRunning.Clear();
        return true;
    }

    private long _recheckArmedAt;

    /// <summary>
    /// Called on the loop thread before the first iteration: a backend whose kernel object must
    /// be bound to the thread that uses it (io_uring with SINGLE_ISSUER) does that here.
    /// </summary>
    protected virtual void OnThreadStarted()
    {
    }

    /// <summary>Called on the loop thread after the last iteration: release backend resources.</summary>
    protected virtual void OnStopped()
    {
    }

    public void Dispose()
    {
        _stopping = true;
        Interlocked.Exchange(ref _sleeping, 0);
        Notify();
        if (_thread is not null && !IsLoopThread) _thread.Join(2000);
    }
}
