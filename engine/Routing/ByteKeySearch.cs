using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Zinc.Routing;

// Finds a byte among a small, unordered set of key bytes (the child keys of a trie node)
// by comparing 16 or 32 keys per instruction instead of one at a time.
internal static class ByteKeySearch
{
    public static int IndexOf(ReadOnlySpan<byte> keys, byte value) => IndexOf(keys, keys.Length, value);

    // Index of the first of keys[0..count) equal to value, or -1.
    // Bytes of keys past count may be loaded by a vector compare (callers that keep keys in
    // a buffer padded to whole vectors never hit the scalar tail) but are never reported: a
    // stale key left behind after a removal must not be found.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(ReadOnlySpan<byte> keys, int count, byte value)
    {
        if ((uint)count > (uint)keys.Length)
        {
            ThrowCountOutOfRange();
        }

        ref byte start = ref MemoryMarshal.GetReference(keys);
        int length = keys.Length;
        int i = 0;

        // One 256-bit compare covers a whole 32-key sparse node; only worth it when more
        // than one 128-bit block of keys is live.
        if (Vector256.IsHardwareAccelerated && count > Vector128<byte>.Count)
        {
            Vector256<byte> needle = Vector256.Create(value);
            while (i < count && length - i >= Vector256<byte>.Count)
            {
                uint bits = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)i), needle).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return Hit(i + BitOperations.TrailingZeroCount(bits), count);
                }

                i += Vector256<byte>.Count;
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<byte> needle = Vector128.Create(value);
            while (i < count && length - i >= Vector128<byte>.Count)
            {
                uint bits = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i), needle).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return Hit(i + BitOperations.TrailingZeroCount(bits), count);
                }

                i += Vector128<byte>.Count;
            }
        }

        // Unpadded tail (or no SIMD on this machine).
        for (; i < count; i++)
        {
            if (Unsafe.Add(ref start, i) == value)
            {
                return i;
            }
        }

        return -1;
    }

    // The lowest set bit is the first equal byte of the block. If it lies past count, so do
    // all later ones, and every live key before it was already known to differ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hit(int index, int count) => index < count ? index : -1;

    private static void ThrowCountOutOfRange() =>
        throw new ArgumentOutOfRangeException("count", "count exceeds the number of keys.");
}
