using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>C strings in and out.</summary>
internal static unsafe class Utf8
{
    /// <summary>The NUL-terminated UTF-8 string at <paramref name="text"/>, or null for a null pointer.</summary>
    public static string? ToString(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);
}
