using System.Diagnostics;

namespace Zinc.Bench;

/// <summary>
/// Zinc under the anchor's pattern: PULL (or REQ) binds here and measures; the PUSH (or REP)
/// peer connects from a thread, or for tcp/ipc with <see cref="PeerPlacement.Process"/> from a
/// child process as the anchor forks one.
/// </summary>
public sealed class ZincPeerBench : IPeerBench
{
    private readonly PeerPlacement _placement;

    /// <summary>Creates the bench; inproc peers are always threads whatever <paramref name="placement"/> says.</summary>
    public ZincPeerBench(PeerPlacement placement = PeerPlacement.Thread) => _placement = placement;

    /// <inheritdoc/>
    public string Name => "zinc";

    /// <summary>True when Zinc can bind <paramref name="endpoint"/>; false with the reason (EPROTONOSUPPORT: the transport does not exist yet).</summary>
    public static bool CanBind(string endpoint, out ZmqError error)
    {
        using var context = new Context();
        using Socket probe = context.CreateSocket(SocketType.Pull);
        try
        {
            probe.Bind(endpoint);
            error = ZmqError.None;
            return true;
        }
        catch (ZmqException e)
        {
            error = e.Error;
            return false;
        }
    }

    /// <inheritdoc/>
    public BenchResult Run(BenchSpec spec, BenchProgress? progress = null)
    {
        progress?.Reset(spec.Count);
        var context = new Context();
        Context? peerContext = null;
        PeerHandle? peer = null;
        var watchdog = new Watchdog(spec.Timeout, () =>
        {
            context.Shutdown();
            peerContext?.Shutdown();
        });
        Socket socket = context.CreateSocket(spec.Mode == BenchMode.Throughput ? SocketType.Pull : SocketType.Req);
        BenchResult result = default;
        Exception? error = null;
        try
        {
            if (spec.Curve) BenchCurve.ApplyServer(socket);
            socket.Bind(spec.Endpoint);
            if (spec.IsInproc || _placement == PeerPlacement.Thread)
            {
                // Off inproc the peer gets its own context, as it would in its own process.
                Context own = spec.IsInproc ? context : (peerContext = new Context());
                peer = PeerHandle.StartThread("zinc-bench-peer", () =>
                {
                    try { ZincPeers.Run(own, spec); }
                    finally { if (own != context) own.Terminate(); }
                }, watchdog.Trip);
            }
            else
            {
                peer = PeerHandle.StartProcess(PeerEntry.ArgumentsFor(spec), watchdog.Trip);
            }
            result = spec.Mode == BenchMode.Throughput ? Receive(socket, spec, progress) : RoundTrips(socket, spec, progress);
        }
        catch (Exception e)
        {
            error = e;
            watchdog.Trip(); // a peer blocked on a full pipe would otherwise wait for the timeout
        }
        socket.Dispose();
        peer?.Join(spec.Timeout);
        bool timedOut = watchdog.Fired;
        watchdog.Dispose();
        context.Terminate();
        RunOutcome.ThrowIfFailed("zinc", spec, timedOut, error, peer?.Failure);
        return result;
    }

    private static BenchResult Receive(Socket pull, BenchSpec spec, BenchProgress? progress)
    {
        // The async modes skip the warm-up frames in the code that then measures, so the JIT has
        // tiered that code up, as the blocking mode's does, before the clock starts.
        ValueTask<long>? asyncRun = spec.Async switch
        {
            AsyncReceive.EachCall => ReceiveEachAsync(pull, spec, progress),
            AsyncReceive.Drain => DrainAsync(pull, spec, progress),
            AsyncReceive.Frames => ReceiveFramesAsync(pull, spec, progress),
            _ => null,
        };
        if (asyncRun is { } run) return BenchResult.Throughput(spec, run.AsTask().GetAwaiter().GetResult());
        Msg msg = default;
        // Like the anchor, the clock starts at the first measured frame: connecting is not timed.
        // Warm-up frames go through the method that then takes the measured ones, so it is
        // tiered up when the clock starts (see ZincPeers.SendWarmup).
        do ReceiveChunk(pull, ref msg, 1);
        while (IsWarmup(spec, msg));
        progress?.StartMeasuring();
        long start = Stopwatch.GetTimestamp();
        ReceiveMeasured(pull, ref msg, spec.Count, progress);
        long elapsed = Stopwatch.GetTimestamp() - start;
        msg.Close();
        return BenchResult.Throughput(spec, elapsed);
    }

    private static bool IsWarmup(BenchSpec spec, in Msg msg) =>
        BenchPayload.IsWarmup(spec.Size, msg.Size, msg.Size > 0 ? msg.Data[0] : (byte)0);

    private static void ReceiveMeasured(Socket pull, ref Msg msg, long count, BenchProgress? progress)
    {
        // In chunks of a method called many times (see ZincPeers.SendChunk).
        long received = 1;
        for (int chunks = 1; received < count; chunks++)
        {
            int chunk = (int)Math.Min(ReceiveChunkSize, count - received);
            ReceiveChunk(pull, ref msg, chunk);
            received += chunk;
            if (chunks % 16 == 0) progress?.Report(received);
        }
        progress?.Report(count);
    }

    private const int ReceiveChunkSize = 1024;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ReceiveChunk(Socket pull, ref Msg msg, int count)
    {
        for (int i = 0; i < count; i++) pull.Receive(ref msg);
    }

    // The same loop with await: frames already queued complete synchronously (no allocation);
    // an empty pipe parks the loop on the socket's pooled awaitable, no thread blocked.
    // Returns the measured Stopwatch ticks.
    private static async ValueTask<long> ReceiveEachAsync(Socket pull, BenchSpec spec, BenchProgress? progress)
    {
        while (true)
        {
            Msg first = await pull.ReceiveAsync();
            bool warmup = IsWarmup(spec, first);
            first.Close();
            if (!warmup) break;
        }
        progress?.StartMeasuring();
        long start = Stopwatch.GetTimestamp();
        for (long i = 1; i < spec.Count; i++)
        {
            Msg msg = await pull.ReceiveAsync();
            msg.Close();
            if ((i & 0x3FFF) == 0 && progress is not null) progress.Report(i);
        }
        long elapsed = Stopwatch.GetTimestamp() - start;
        progress?.Report(spec.Count);
        return elapsed;
    }

    // await foreach over the socket's frames: MoveNextAsync takes a queued frame at once.
    private static async ValueTask<long> ReceiveFramesAsync(Socket pull, BenchSpec spec, BenchProgress? progress)
    {
        long received = 0, start = 0;
        await foreach (Msg frame in pull.ReceiveFramesAsync())
        {
            if (received == 0)
            {
                bool warmup = IsWarmup(spec, frame);
                frame.Close();
                if (warmup) continue;
                start = Stopwatch.GetTimestamp();
                progress?.StartMeasuring();
            }
            else
            {
                frame.Close();
            }
            if ((++received & 0x3FFF) == 0 && progress is not null) progress.Report(received);
            if (received == spec.Count) break;
        }
        long elapsed = Stopwatch.GetTimestamp() - start;
        progress?.Report(spec.Count);
        return elapsed;
    }

    // Awaits only when the pipe is empty, then takes what is queued without awaiting each frame.
    private static async ValueTask<long> DrainAsync(Socket pull, BenchSpec spec, BenchProgress? progress)
    {
        var state = new DrainState();
        while (state.Received < spec.Count)
        {
            await pull.WaitToReceiveAsync().ConfigureAwait(false);
            TakeQueued(pull, spec, state, progress);
        }
        long elapsed = Stopwatch.GetTimestamp() - state.Start;
        progress?.Report(spec.Count);
        return elapsed;
    }

    private sealed class DrainState
    {
        public long Received;
        public long Start;
    }

    // One method for the warm-up and the measured frames: the first measured frame starts the clock.
    private static void TakeQueued(Socket pull, BenchSpec spec, DrainState state, BenchProgress? progress)
    {
        Msg msg = default;
        long received = state.Received;
        while (received < spec.Count && pull.TryReceive(ref msg, ReceiveFlags.DontWait))
        {
            if (received == 0)
            {
                if (IsWarmup(spec, msg)) continue;
                state.Start = Stopwatch.GetTimestamp();
                progress?.StartMeasuring();
            }
            if ((++received & 0x3FFF) == 0 && progress is not null) progress.Report(received);
        }
        msg.Close();
        state.Received = received;
    }

    private static BenchResult RoundTrips(Socket req, BenchSpec spec, BenchProgress? progress)
    {
        Msg msg = default;
        if (spec.WarmupMs > 0)
        {
            // The same method as the measured round trips, so it is tiered up when the clock starts.
            int warmupSize = BenchPayload.WarmupSize(spec.Size);
            var clock = new WarmupClock(spec.WarmupMs);
            do RoundTripChunk(req, ref msg, warmupSize, RoundTripChunkSize, BenchPayload.WarmupMarker);
            while (clock.Running);
            if (spec.GapMs > 0)
            {
                // The gap loop's own method too, without the gap (unwarmed, its first ~30 calls
                // ran unoptimised, and the rest through the call-counting stub).
                clock = new WarmupClock(spec.WarmupMs);
                do RoundTripAfterGap(req, ref msg, warmupSize, 0, BenchPayload.WarmupMarker);
                while (clock.Running);
            }
        }
        progress?.StartMeasuring();
        long elapsed;
        if (spec.GapMs > 0)
        {
            elapsed = RoundTripsAfterGaps(req, ref msg, spec, progress);
        }
        else
        {
            long start = Stopwatch.GetTimestamp();
            RoundTripsMeasured(req, ref msg, spec.Size, spec.Count, progress);
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        msg.Close();
        return BenchResult.Latency(spec, elapsed);
    }

    // Each round trip alone, after the gap: only the round trips are timed.
    private static long RoundTripsAfterGaps(Socket req, ref Msg msg, BenchSpec spec, BenchProgress? progress)
    {
        long elapsed = 0;
        for (long i = 1; i <= spec.Count; i++)
        {
            elapsed += RoundTripAfterGap(req, ref msg, spec.Size, spec.GapMs, 0);
            progress?.Report(i);
        }
        return elapsed;
    }

    /// <summary>Sleeps <paramref name="gapMs"/>, then times one round trip (Stopwatch ticks).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long RoundTripAfterGap(Socket req, ref Msg msg, int size, int gapMs, byte first)
    {
        if (gapMs > 0) Thread.Sleep(gapMs);
        msg.InitSize(size);
        if (size > 0) msg.Data[0] = first;
        long start = Stopwatch.GetTimestamp();
        req.Send(ref msg);
        req.Receive(ref msg);
        return Stopwatch.GetTimestamp() - start;
    }

    private static void RoundTripsMeasured(Socket req, ref Msg msg, int size, long count, BenchProgress? progress)
    {
        for (long done = 0; done < count;)
        {
            int chunk = (int)Math.Min(RoundTripChunkSize, count - done);
            RoundTripChunk(req, ref msg, size, chunk, 0);
            done += chunk;
            progress?.Report(done);
        }
    }

    private const int RoundTripChunkSize = 256;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void RoundTripChunk(Socket req, ref Msg msg, int size, int count, byte first)
    {
        for (int i = 0; i < count; i++)
        {
            msg.InitSize(size);
            if (size > 0) msg.Data[0] = first;
            req.Send(ref msg);
            req.Receive(ref msg);
        }
    }
}
