namespace Zinc.Sockets;

/// <summary>
/// The lock that keeps a socket's asynchronous attempts on one thread at a time (a send and a
/// receive may retry on two pool threads at once). Held only for one non-blocking attempt, so a
/// compare-and-swap and a spin beat a monitor: entering and leaving uncontended costs one
/// interlocked instruction, which matters on the async fast path (every frame passes here).
/// </summary>
internal sealed class AsyncGate
{
    private int _held;

    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) == 0) return;
        var spinner = new SpinWait();
        do spinner.SpinOnce(sleep1Threshold: -1);
        while (Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }

    public void Exit() => Volatile.Write(ref _held, 0);
}
