using System.Runtime.InteropServices;

namespace Zinc.Reactor.Native;

/// <summary>
/// Blocks the asynchronous signals on the calling thread, as libzmq does on its own threads: the
/// kernel then hands a signal sent to the process to a thread that takes it, the application's.
/// The synchronous ones (a fault the runtime turns into an exception) and the real-time range
/// (the runtime's thread-suspension signal lives there) stay open.
/// </summary>
internal static unsafe partial class SignalMask
{
    private const int SigBlock = 0;
    private const int SetWords = 16; // glibc's sigset_t: 1024 bits
    private const int LastStandardSignal = 31;

    // SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS; SIGKILL and SIGSTOP cannot be blocked.
    private static readonly int[] s_synchronous = [4, 5, 6, 7, 8, 11, 31];

    public static void BlockAsynchronous()
    {
        ulong* set = stackalloc ulong[SetWords];
        for (int i = 0; i < SetWords; i++) set[i] = 0;
        for (int signal = 1; signal <= LastStandardSignal; signal++)
        {
            if (Array.IndexOf(s_synchronous, signal) < 0) set[0] |= 1UL << (signal - 1);
        }
        pthread_sigmask(SigBlock, set, null);
    }

    [LibraryImport("libc")]
    private static partial int pthread_sigmask(int how, ulong* set, ulong* oldSet);
}
