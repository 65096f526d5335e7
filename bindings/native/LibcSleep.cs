using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>usleep(3), the sleep libzmq's zmq_poll takes with no items: a signal handler ends it early.</summary>
internal static partial class LibcSleep
{
    /// <summary>Sleeps; false when a signal interrupted it (EINTR).</summary>
    public static bool Microseconds(uint micros) => usleep(micros) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int usleep(uint micros);
}
