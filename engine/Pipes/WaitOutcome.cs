namespace Zinc.Pipes;

/// <summary>How an interruptible park (<see cref="Signal.WaitInterruptibly"/>) ended.</summary>
internal enum WaitOutcome
{
    /// <summary>Set was called (or the wake-up line was readable): re-check.</summary>
    Woken,

    /// <summary>The timeout passed without a wake-up.</summary>
    TimedOut,

    /// <summary>A signal handler ran on this thread during the wait (poll(2) saw EINTR).</summary>
    Interrupted,
}
