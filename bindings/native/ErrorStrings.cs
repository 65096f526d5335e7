using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Zinc.Native;

/// <summary>
/// zmq_strerror's texts as NUL-terminated native strings. C callers keep the pointer as long as
/// they like (libzmq returns string literals), so each text is allocated once and never freed.
/// </summary>
internal static unsafe class ErrorStrings
{
    private static readonly ConcurrentDictionary<int, nint> s_cache = new();

    /// <summary>A static empty C string (zmq_msg_group of a message without a group).</summary>
    public static readonly nint Empty = AllocateEmpty();

    private static nint AllocateEmpty()
    {
        nint memory = Marshal.AllocHGlobal(1);
        *(byte*)memory = 0;
        return memory;
    }

    public static byte* Get(int errnum) => (byte*)s_cache.GetOrAdd(errnum, Allocate);

    private static nint Allocate(int errnum)
    {
        string text = Describe(errnum);
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\0");
        nint memory = Marshal.AllocHGlobal(bytes.Length);
        Marshal.Copy(bytes, 0, memory, bytes.Length);
        return memory;
    }

    private static string Describe(int errnum)
    {
        // The ZeroMQ-specific numbers have libzmq's texts; everything else is an OS errno,
        // which libzmq hands to strerror().
        if (errnum >= 156384712) return ZmqException.Describe((ZmqError)errnum);
        return Marshal.GetPInvokeErrorMessage(errnum);
    }
}
