using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Zinc.Bench;

/// <summary>
/// The system libzmq under the same pattern and the same warm-up as <see cref="ZincPeerBench"/>,
/// in this process: the peer is always a thread, with its own context off inproc as the
/// anchor's forked child has. Each send and receive is one P/Invoke, a few ns more than the
/// anchor's C loop; run.sh gives the pure C figure beside it.
/// </summary>
public sealed unsafe class LibZmqPeerBench : IPeerBench
{
    /// <inheritdoc/>
    public string Name => "libzmq";

    /// <inheritdoc/>
    public BenchResult Run(BenchSpec spec, BenchProgress? progress = null)
    {
        progress?.Reset(spec.Count);
        nint context = LibZmq.NewContext();
        nint peerContext = spec.IsInproc ? context : LibZmq.NewContext();
        // zmq_ctx_shutdown after zmq_ctx_term would touch freed memory: the watchdog is disposed
        // (and can no longer fire) before either context is terminated.
        var watchdog = new Watchdog(spec.Timeout, () =>
        {
            LibZmqNative.CtxShutdown(context);
            if (peerContext != context) LibZmqNative.CtxShutdown(peerContext);
        });
        nint socket = 0;
        PeerHandle? peer = null;
        // libzmq discards what its engine has not yet written when a socket closes right after
        // its last send (seen over ipc: the final ~1,000 of 500,000 messages never arrive, and
        // the run hangs). The peer keeps its socket open until the measuring side is done.
        using var measured = new ManualResetEventSlim();
        BenchResult result = default;
        Exception? error = null;
        try
        {
            socket = LibZmq.NewSocket(context, spec.Mode == BenchMode.Throughput ? LibZmq.Pull : LibZmq.Req);
            if (spec.Curve) BenchCurve.ApplyServer(socket);
            LibZmq.Bind(socket, spec.Endpoint);
            peer = PeerHandle.StartThread("libzmq-bench-peer", () => RunPeer(peerContext, spec, measured), watchdog.Trip);
            result = spec.Mode == BenchMode.Throughput ? Receive(socket, spec, progress) : RoundTrips(socket, spec, progress);
        }
        catch (Exception e)
        {
            error = e;
            watchdog.Trip();
        }
        measured.Set();
        if (socket != 0) LibZmqNative.Close(socket);
        peer?.Join(spec.Timeout);
        bool timedOut = watchdog.Fired;
        watchdog.Dispose();
        // A peer that is still stuck after the timeout holds peerContext: leak it rather than hang.
        if (peerContext != context && peer?.Failure is not TimeoutException) LibZmqNative.CtxTerm(peerContext);
        if (peer?.Failure is not TimeoutException) LibZmqNative.CtxTerm(context);
        RunOutcome.ThrowIfFailed("libzmq", spec, timedOut, error, peer?.Failure);
        return result;
    }

    private static void RunPeer(nint context, BenchSpec spec, ManualResetEventSlim measured)
    {
        nint socket = LibZmq.NewSocket(context, spec.Mode == BenchMode.Throughput ? LibZmq.Push : LibZmq.Rep);
        try
        {
            if (spec.Curve) BenchCurve.ApplyClient(socket);
            LibZmq.Connect(socket, spec.Endpoint);
            if (spec.Mode == BenchMode.Throughput) Push(socket, spec);
            else Echo(socket, spec);
            // Bounded: a measuring side that never finishes is the watchdog's to report.
            measured.Wait(spec.Timeout);
        }
        finally
        {
            LibZmqNative.Close(socket);
        }
    }

    private static void Push(nint socket, BenchSpec spec)
    {
        int warmupSize = BenchPayload.WarmupSize(spec.Size);
        byte* buffer = (byte*)NativeMemory.AllocZeroed((nuint)warmupSize);
        byte* warmup = (byte*)NativeMemory.AllocZeroed((nuint)warmupSize);
        try
        {
            warmup[0] = BenchPayload.WarmupMarker;
            if (spec.WarmupMs > 0)
            {
                // The same warm-up rule as Zinc's: the method that sends the measured frames
                // runs first with the warm-up frames (its loop calls the JIT'd P/Invoke stubs).
                var clock = new WarmupClock(spec.WarmupMs);
                do SendChunk(socket, warmup, (nuint)warmupSize, Chunk);
                while (clock.Running);
            }
            for (long sent = 0; sent < spec.Count; sent += Chunk)
                SendChunk(socket, buffer, (nuint)spec.Size, (int)Math.Min(Chunk, spec.Count - sent));
        }
        finally
        {
            NativeMemory.Free(buffer);
            NativeMemory.Free(warmup);
        }
    }

    private const int Chunk = 1024;
    private const int RoundTripChunkSize = 256;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void SendChunk(nint socket, byte* data, nuint size, int count)
    {
        for (int i = 0; i < count; i++) LibZmq.Check(LibZmqNative.Send(socket, data, size, 0), "zmq_send");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int ReceiveChunk(nint socket, LibZmqMsg* msg, int count)
    {
        int size = 0;
        for (int i = 0; i < count; i++) size = LibZmq.Check(LibZmqNative.MsgRecv(msg, socket, 0), "zmq_msg_recv");
        return size;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RoundTripChunk(nint socket, byte* data, nuint size, LibZmqMsg* msg, int count)
    {
        for (int i = 0; i < count; i++)
        {
            LibZmq.Check(LibZmqNative.Send(socket, data, size, 0), "zmq_send");
            LibZmq.Check(LibZmqNative.MsgRecv(msg, socket, 0), "zmq_msg_recv");
        }
    }

    private static void Echo(nint socket, BenchSpec spec)
    {
        LibZmqMsg msg;
        LibZmqNative.MsgInit(&msg);
        try
        {
            long measured = 0;
            while (measured < spec.Count)
            {
                int size = LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
                if (!BenchPayload.IsWarmup(spec.Size, size, size > 0 ? *LibZmqNative.MsgData(&msg) : (byte)0)) measured++;
                LibZmq.Check(LibZmqNative.MsgSend(&msg, socket, 0), "zmq_msg_send");
            }
        }
        finally
        {
            LibZmqNative.MsgClose(&msg);
        }
    }

    private static BenchResult Receive(nint socket, BenchSpec spec, BenchProgress? progress)
    {
        LibZmqMsg msg;
        LibZmqNative.MsgInit(&msg);
        try
        {
            int size;
            do size = ReceiveChunk(socket, &msg, 1);
            while (BenchPayload.IsWarmup(spec.Size, size, size > 0 ? *LibZmqNative.MsgData(&msg) : (byte)0));
            progress?.StartMeasuring();
            long start = Stopwatch.GetTimestamp();
            long received = 1;
            for (int chunks = 1; received < spec.Count; chunks++)
            {
                int chunk = (int)Math.Min(Chunk, spec.Count - received);
                ReceiveChunk(socket, &msg, chunk);
                received += chunk;
                if (chunks % 16 == 0) progress?.Report(received);
            }
            long elapsed = Stopwatch.GetTimestamp() - start;
            progress?.Report(spec.Count);
            return BenchResult.Throughput(spec, elapsed);
        }
        finally
        {
            LibZmqNative.MsgClose(&msg);
        }
    }

    /// <summary>Sleeps <paramref name="gapMs"/>, then times one round trip (Stopwatch ticks).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long RoundTripAfterGap(nint socket, byte* data, nuint size, LibZmqMsg* msg, int gapMs)
    {
        if (gapMs > 0) Thread.Sleep(gapMs);
        long start = Stopwatch.GetTimestamp();
        LibZmq.Check(LibZmqNative.Send(socket, data, size, 0), "zmq_send");
        LibZmq.Check(LibZmqNative.MsgRecv(msg, socket, 0), "zmq_msg_recv");
        return Stopwatch.GetTimestamp() - start;
    }

    private static BenchResult RoundTrips(nint socket, BenchSpec spec, BenchProgress? progress)
    {
        int warmupSize = BenchPayload.WarmupSize(spec.Size);
        byte* buffer = (byte*)NativeMemory.AllocZeroed((nuint)warmupSize);
        LibZmqMsg msg;
        LibZmqNative.MsgInit(&msg);
        try
        {
            if (spec.WarmupMs > 0)
            {
                buffer[0] = BenchPayload.WarmupMarker;
                var clock = new WarmupClock(spec.WarmupMs);
                do RoundTripChunk(socket, buffer, (nuint)warmupSize, &msg, RoundTripChunkSize);
                while (clock.Running);
                if (spec.GapMs > 0)
                {
                    // The gap loop's own method too, without the gap, as on Zinc's side.
                    clock = new WarmupClock(spec.WarmupMs);
                    do RoundTripAfterGap(socket, buffer, (nuint)warmupSize, &msg, 0);
                    while (clock.Running);
                }
                buffer[0] = 0;
            }
            progress?.StartMeasuring();
            nuint size = (nuint)spec.Size;
            long elapsed = 0;
            if (spec.GapMs > 0)
            {
                // Each round trip alone, after the gap: only the round trips are timed.
                for (long i = 1; i <= spec.Count; i++)
                {
                    elapsed += RoundTripAfterGap(socket, buffer, size, &msg, spec.GapMs);
                    progress?.Report(i);
                }
                progress?.Report(spec.Count);
                return BenchResult.Latency(spec, elapsed);
            }
            long start = Stopwatch.GetTimestamp();
            for (long done = 0; done < spec.Count;)
            {
                int chunk = (int)Math.Min(RoundTripChunkSize, spec.Count - done);
                RoundTripChunk(socket, buffer, size, &msg, chunk);
                done += chunk;
                progress?.Report(done);
            }
            elapsed = Stopwatch.GetTimestamp() - start;
            progress?.Report(spec.Count);
            return BenchResult.Latency(spec, elapsed);
        }
        finally
        {
            LibZmqNative.MsgClose(&msg);
            NativeMemory.Free(buffer);
        }
    }
}
