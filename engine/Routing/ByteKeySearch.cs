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

    // Width of the fixed key block IndexOfInBlock searches.
    public const int BlockLength = 32;

    // The same search specialised for a node's fixed 32-byte key block: one compare (128-bit
    // up to 16 live keys, else 256-bit) and a mask for count, with no loop and no tail. keys
    // must be at least BlockLength long; the bytes past count are loaded but never reported.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOfInBlock(ReadOnlySpan<byte> keys, int count, byte value)
    {
        if (keys.Length < BlockLength || (uint)count > BlockLength)
        {
            ThrowCountOutOfRange();
        }

        if (!Vector128.IsHardwareAccelerated)
        {
            return IndexOf(keys, count, value);
        }

        ref byte start = ref MemoryMarshal.GetReference(keys);
        uint bits;
        if (count <= Vector128<byte>.Count)
        {
            bits = Vector128.Equals(Vector128.LoadUnsafe(ref start), Vector128.Create(value)).ExtractMostSignificantBits();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            bits = Vector256.Equals(Vector256.LoadUnsafe(ref start), Vector256.Create(value)).ExtractMostSignificantBits();
        }
        else
        {
            Vector128<byte> needle = Vector128.Create(value);
            bits = Vector128.Equals(Vector128.LoadUnsafe(ref start), needle).ExtractMostSignificantBits()
                | (Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)Vector128<byte>.Count), needle).ExtractMostSignificantBits() << 16);
        }

        // Keep only live keys; a 64-bit shift so count == 32 yields all ones.
        bits &= (uint)((1UL << count) - 1);
        return bits != 0 ? BitOperations.TrailingZeroCount(bits) : -1;
    }

    // The lowest set bit is the first equal byte of the block. If it lies past count, so do
    // all later ones, and every live key before it was already known to differ.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hit(int index, int count) => index < count ? index : -1;

    private static void ThrowCountOutOfRange() =>
        throw new ArgumentOutOfRangeException("count", "count exceeds the number of keys, or the key block is too short.");
}
