using Zinc.Reactor.Native;

namespace Zinc.Reactor;

/// <summary>
/// How an IO thread is set up as it starts, from the context options: its name
/// (ZMQ_THREAD_NAME_PREFIX), the CPUs it may run on (ZMQ_THREAD_AFFINITY_CPU_ADD/REMOVE) and
/// its scheduling (ZMQ_THREAD_SCHED_POLICY, ZMQ_THREAD_PRIORITY). Like libzmq, a setting the
/// kernel refuses (no privilege for a real-time policy) leaves the thread as it was. Under the
/// C ABI it also blocks the asynchronous signals (<see cref="SignalMask"/>).
/// </summary>
internal sealed class ThreadSetup
{
    public ThreadSetup(string name, IReadOnlyCollection<int> cpus, int schedPolicy, int priority, bool blockSignals = false)
    {
        Name = name;
        Cpus = cpus;
        SchedPolicy = schedPolicy;
        Priority = priority;
        BlockSignals = blockSignals;
    }

    /// <summary>Block the asynchronous signals, as libzmq's own threads do, so they reach the application's threads.</summary>
    public bool BlockSignals { get; }

    public string Name { get; }

    public IReadOnlyCollection<int> Cpus { get; }

    public int SchedPolicy { get; }

    public int Priority { get; }

    /// <summary>Applies the settings to the calling thread; returns the errno of the first refusal, or 0.</summary>
    public unsafe int Apply()
    {
        int refused = 0;
        if (BlockSignals) SignalMask.BlockAsynchronous();
        if (Cpus.Count > 0)
        {
            ulong* mask = stackalloc ulong[16]; // 1024 CPUs
            for (int i = 0; i < 16; i++) mask[i] = 0;
            foreach (int cpu in Cpus)
            {
                if (cpu >= 0 && cpu < 1024) mask[cpu / 64] |= 1UL << (cpu % 64);
            }
            if (LibC.sched_setaffinity(0, 16 * sizeof(ulong), mask) != 0) refused = LibC.Errno;
        }
        if (SchedPolicy >= 0 || Priority >= 0)
        {
            int policy = SchedPolicy >= 0 ? SchedPolicy : 0;
            int param = policy is 1 or 2 ? Math.Max(1, Priority) : 0; // SCHED_FIFO, SCHED_RR need 1..99
            if (LibC.sched_setscheduler(0, policy, &param) != 0 && refused == 0) refused = LibC.Errno;
            if (policy is not (1 or 2) && Priority >= 0 && LibC.setpriority(0, 0, Priority) != 0 && refused == 0)
                refused = LibC.Errno;
        }
        return refused;
    }
}
