using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Zinc.Bench;

// The connecting side of each Zinc run, shared by the in-process peer thread and the peer
// process. The loops stay allocation-free: a frame is made with InitSize and moved by Send.
internal static class ZincPeers
{
    /// <summary>PUSH: connects, sends warm-up frames for WarmupMs, then Count measured frames.</summary>
    public static void Push(Context context, BenchSpec spec)
    {
        using Socket push = context.CreateSocket(SocketType.Push);
        if (spec.Curve) BenchCurve.ApplyClient(push);
        push.Connect(spec.Endpoint);
        Msg msg = default;
        if (spec.WarmupMs > 0) SendWarmup(push, ref msg, spec);
        SendMeasured(push, ref msg, spec.Size, spec.Count);
        msg.Close();
    }

    // The warm-up runs the very method the measured frames then run (with the marker as first
    // byte), so that method is tiered up when the clock starts: a measured loop of its own was
    // still running unoptimised code for the first ~100 ms of a run, which cost a 10 M-frame
    // inproc run a third of its figure.
    private static void SendWarmup(Socket push, ref Msg msg, BenchSpec spec)
    {
        int size = BenchPayload.WarmupSize(spec.Size);
        var clock = new WarmupClock(spec.WarmupMs);
        do SendChunk(push, ref msg, size, Chunk, BenchPayload.WarmupMarker);
        while (clock.Running);
    }

    private static void SendMeasured(Socket push, ref Msg msg, int size, long count)
    {
        for (long sent = 0; sent < count; sent += Chunk)
            SendChunk(push, ref msg, size, (int)Math.Min(Chunk, count - sent), 0);
    }

    // The loop runs in chunks of a method called many times, so the JIT tiers it up with its
    // profile, as a long-running sender's code would be; one loop running the whole count would
    // instead run as the on-stack-replacement code compiled early, before any profile existed.
    private const int Chunk = 1024;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SendChunk(Socket push, ref Msg msg, int size, int count, byte first)
    {
        for (int i = 0; i < count; i++)
        {
            msg.InitSize(size);
            // Measured frames start with zero (a pooled buffer may still hold a warm-up marker).
            if (size > 0) msg.Data[0] = first;
            push.Send(ref msg);
        }
    }

    /// <summary>REP: connects and echoes until Count measured requests have been answered.</summary>
    public static void Echo(Context context, BenchSpec spec)
    {
        using Socket rep = context.CreateSocket(SocketType.Rep);
        if (spec.Curve) BenchCurve.ApplyClient(rep);
        rep.Connect(spec.Endpoint);
        Msg msg = default;
        int size = spec.Size;
        long measured = 0;
        while (measured < spec.Count)
        {
            rep.Receive(ref msg);
            if (!BenchPayload.IsWarmup(size, msg.Size, msg.Size > 0 ? msg.Data[0] : (byte)0)) measured++;
            rep.Send(ref msg);
        }
        msg.Close();
    }

    /// <summary>Runs the peer role of <paramref name="spec"/>.</summary>
    public static void Run(Context context, BenchSpec spec)
    {
        if (spec.Mode == BenchMode.Throughput) Push(context, spec);
        else Echo(context, spec);
    }
}
