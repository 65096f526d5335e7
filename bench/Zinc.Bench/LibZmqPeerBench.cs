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
                // The same warm-up rule as Zinc's (its loop calls through the JIT'd P/Invoke stubs).
                var clock = new WarmupClock(spec.WarmupMs);
                long sent = 0;
                while ((++sent & 255) != 0 || clock.Running)
                    LibZmq.Check(LibZmqNative.Send(socket, warmup, (nuint)warmupSize, 0), "zmq_send");
            }
            nuint size = (nuint)spec.Size;
            for (long i = 0; i < spec.Count; i++)
                LibZmq.Check(LibZmqNative.Send(socket, buffer, size, 0), "zmq_send");
        }
        finally
        {
            NativeMemory.Free(buffer);
            NativeMemory.Free(warmup);
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
            do size = LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
            while (BenchPayload.IsWarmup(spec.Size, size, size > 0 ? *LibZmqNative.MsgData(&msg) : (byte)0));
            progress?.StartMeasuring();
            long start = Stopwatch.GetTimestamp();
            for (long i = 1; i < spec.Count; i++)
            {
                LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
                if ((i & 0x3FFF) == 0 && progress is not null) progress.Report(i);
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
                do
                {
                    LibZmq.Check(LibZmqNative.Send(socket, buffer, (nuint)warmupSize, 0), "zmq_send");
                    LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
                }
                while (clock.Running);
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
                    Thread.Sleep(spec.GapMs);
                    long t = Stopwatch.GetTimestamp();
                    LibZmq.Check(LibZmqNative.Send(socket, buffer, size, 0), "zmq_send");
                    LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
                    elapsed += Stopwatch.GetTimestamp() - t;
                    progress?.Report(i);
                }
                progress?.Report(spec.Count);
                return BenchResult.Latency(spec, elapsed);
            }
            long start = Stopwatch.GetTimestamp();
            for (long i = 1; i <= spec.Count; i++)
            {
                LibZmq.Check(LibZmqNative.Send(socket, buffer, size, 0), "zmq_send");
                LibZmq.Check(LibZmqNative.MsgRecv(&msg, socket, 0), "zmq_msg_recv");
                if ((i & 0xFF) == 0 && progress is not null) progress.Report(i);
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
