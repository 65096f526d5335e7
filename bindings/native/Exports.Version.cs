using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>zmq_version, zmq_errno, zmq_strerror, zmq_has: the functions that need no context.</summary>
internal static unsafe class VersionExports
{
    // The libzmq release whose ABI this library implements (zmq.h's ZMQ_VERSION_*).
    private const int Major = 4, Minor = 3, Patch = 4;

    [UnmanagedCallersOnly(EntryPoint = "zmq_version")]
    public static void Version(int* major, int* minor, int* patch)
    {
        if (major != null) *major = Major;
        if (minor != null) *minor = Minor;
        if (patch != null) *patch = Patch;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_errno")]
    public static int ErrnoValue() => Errno.Get();

    [UnmanagedCallersOnly(EntryPoint = "zmq_strerror")]
    public static byte* StrError(int errnum) => ErrorStrings.Get(errnum);

    [UnmanagedCallersOnly(EntryPoint = "zmq_has")]
    public static int Has(byte* capability)
    {
        string? name = Utf8.ToString(capability);
        // The transports and mechanisms Zinc carries; pgm, norm, tipc, vmci, gssapi it does not,
        // and "draft" stays 0 until the draft socket types (CLIENT, RADIO...) exist.
        return name is "ipc" || (name is "curve" && Curve.IsAvailable) ? 1 : 0;
    }
}
