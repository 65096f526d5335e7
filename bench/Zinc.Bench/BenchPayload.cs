namespace Zinc.Bench;

// Warm-up frames travel on the same connection as the measured ones, so the receiver needs to
// tell them apart without a side channel: a warm-up frame starts with a marker byte (and is one
// byte long when the measured size is 0); measured frames start with zero, as the anchor's
// calloc'd buffer does.
internal static class BenchPayload
{
    public const byte WarmupMarker = 0xFF;

    /// <summary>Size of a warm-up frame for measured frames of <paramref name="size"/> bytes.</summary>
    public static int WarmupSize(int size) => Math.Max(size, 1);

    /// <summary>True when a received frame of <paramref name="receivedSize"/> bytes starting with <paramref name="firstByte"/> is a warm-up frame.</summary>
    public static bool IsWarmup(int size, int receivedSize, byte firstByte) =>
        receivedSize != size || (size > 0 && firstByte == WarmupMarker);

    /// <summary>Stopwatch ticks of <paramref name="milliseconds"/>.</summary>
    public static long Ticks(int milliseconds) => milliseconds * System.Diagnostics.Stopwatch.Frequency / 1000;
}
