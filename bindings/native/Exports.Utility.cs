using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Zinc.Native;

/// <summary>Z85, CURVE keys, atomic counters, stopwatches and zmq_sleep.</summary>
internal static unsafe class UtilityExports
{
    [UnmanagedCallersOnly(EntryPoint = "zmq_z85_encode")]
    public static byte* Z85Encode(byte* destination, byte* data, nuint size)
    {
        if (destination == null || data == null || size % 4 != 0 || size > int.MaxValue / 2)
            return (byte*)Errno.FailNull(ZmqError.EINVAL);
        int length = Z85.EncodedLength((int)size);
        if (!Z85.TryEncode(new ReadOnlySpan<byte>(data, (int)size), new Span<byte>(destination, length)))
            return (byte*)Errno.FailNull(ZmqError.EINVAL);
        destination[length] = 0;
        return destination;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_z85_decode")]
    public static byte* Z85Decode(byte* destination, byte* text)
    {
        if (destination == null || text == null) return (byte*)Errno.FailNull(ZmqError.EINVAL);
        var chars = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text);
        if (chars.Length % 5 != 0) return (byte*)Errno.FailNull(ZmqError.EINVAL);
        if (!Z85.TryDecode(chars, new Span<byte>(destination, Z85.DecodedLength(chars.Length))))
            return (byte*)Errno.FailNull(ZmqError.EINVAL);
        return destination;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_curve_keypair")]
    public static int CurveKeypair(byte* publicKey, byte* secretKey)
    {
        if (publicKey == null || secretKey == null) return Errno.Fail(ZmqError.EINVAL);
        if (!Curve.IsAvailable) return Errno.Fail(ZmqError.ENOTSUP);
        try
        {
            CurveKeyPair pair = Curve.GenerateKeyPair();
            WriteZ85(publicKey, pair.PublicKey);
            WriteZ85(secretKey, pair.SecretKey);
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_curve_public")]
    public static int CurvePublic(byte* publicKey, byte* secretKey)
    {
        if (publicKey == null || secretKey == null) return Errno.Fail(ZmqError.EINVAL);
        if (!Curve.IsAvailable) return Errno.Fail(ZmqError.ENOTSUP);
        try
        {
            Span<byte> secret = stackalloc byte[32];
            if (!Z85.TryDecode(new ReadOnlySpan<byte>(secretKey, 40), secret)) return Errno.Fail(ZmqError.EINVAL);
            WriteZ85(publicKey, Curve.DerivePublicKey(secret));
            return 0;
        }
        catch (Exception e)
        {
            return Guard.Fail(e);
        }
    }

    private static void WriteZ85(byte* destination, ReadOnlySpan<byte> key)
    {
        Z85.TryEncode(key, new Span<byte>(destination, 40));
        destination[40] = 0;
    }

    // An atomic counter is a plain native int: C code may share the pointer across threads.
    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_new")]
    public static int* CounterNew()
    {
        var counter = (int*)NativeMemory.AllocZeroed(sizeof(int));
        return counter;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_set")]
    public static void CounterSet(int* counter, int value) => Volatile.Write(ref *counter, value);

    // inc returns the value before, dec whether the counter is still non-zero (libzmq's contract).
    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_inc")]
    public static int CounterInc(int* counter) => Interlocked.Increment(ref *counter) - 1;

    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_dec")]
    public static int CounterDec(int* counter) => Interlocked.Decrement(ref *counter) != 0 ? 1 : 0;

    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_value")]
    public static int CounterValue(int* counter) => Volatile.Read(ref *counter);

    [UnmanagedCallersOnly(EntryPoint = "zmq_atomic_counter_destroy")]
    public static void CounterDestroy(int** counter)
    {
        if (counter == null) return;
        NativeMemory.Free(*counter);
        *counter = null;
    }

    // A stopwatch is a native block holding its start timestamp.
    [UnmanagedCallersOnly(EntryPoint = "zmq_stopwatch_start")]
    public static long* StopwatchStart()
    {
        var watch = (long*)NativeMemory.Alloc(sizeof(long));
        *watch = Stopwatch.GetTimestamp();
        return watch;
    }

    [UnmanagedCallersOnly(EntryPoint = "zmq_stopwatch_intermediate")]
    public static nuint StopwatchIntermediate(long* watch) => Microseconds(*watch);

    [UnmanagedCallersOnly(EntryPoint = "zmq_stopwatch_stop")]
    public static nuint StopwatchStop(long* watch)
    {
        nuint elapsed = Microseconds(*watch);
        NativeMemory.Free(watch);
        return elapsed;
    }

    private static nuint Microseconds(long start) => (nuint)(Stopwatch.GetElapsedTime(start).Ticks / 10);

    [UnmanagedCallersOnly(EntryPoint = "zmq_sleep")]
    public static void Sleep(int seconds) => Thread.Sleep(TimeSpan.FromSeconds(Math.Max(seconds, 0)));
}
