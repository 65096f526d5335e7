using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>
/// The C errno of the calling thread. Marshal.SetLastPInvokeError only feeds .NET's own
/// GetLastPInvokeError, which a C caller never sees, so this writes glibc's thread-local errno
/// through __errno_location, exactly where libzmq's callers read it.
/// </summary>
internal static unsafe partial class Errno
{
    [LibraryImport("libc", EntryPoint = "__errno_location")]
    private static partial int* Location();

    public static int Get() => *Location();

    public static void Set(int value) => *Location() = value;

    /// <summary>Sets errno to <paramref name="error"/> and returns -1, libzmq's failure value.</summary>
    public static int Fail(ZmqError error)
    {
        Set((int)error);
        return -1;
    }

    /// <summary>Sets errno and returns null, for the functions that return a pointer.</summary>
    public static nint FailNull(ZmqError error)
    {
        Set((int)error);
        return 0;
    }
}
