using BenchmarkDotNet.Attributes;

namespace Zinc.Benchmarks;

/// <summary>
/// PUSH to PULL over inproc in one thread, receiving with the blocking call or with
/// <c>await ReceiveAsync</c> / <c>SendAsync</c>: what the async API costs per message when
/// frames are already there (its fast path), and that it allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class AsyncSocketBenchmarks
{
    private const int Batch = 500;
    private Context _context = null!;
    private Socket _push = null!;
    private Socket _pull = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new Context();
        _pull = _context.CreateSocket(SocketType.Pull);
        _push = _context.CreateSocket(SocketType.Push);
        _pull.Bind("inproc://bench-async");
        _push.Connect("inproc://bench-async");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _push.Dispose();
        _pull.Dispose();
        _context.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public long Sync()
    {
        long total = 0;
        Msg msg = default;
        for (int i = 0; i < Batch; i++)
        {
            msg.InitSize(64);
            _push.Send(ref msg);
        }
        for (int i = 0; i < Batch; i++)
        {
            _pull.Receive(ref msg);
            total += msg.Size;
        }
        msg.Close();
        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> Async()
    {
        long total = 0;
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(64);
            await _push.SendAsync(ref msg);
        }
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = await _pull.ReceiveAsync();
            total += msg.Size;
            msg.Close();
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> WaitThenTryReceive()
    {
        long total = 0;
        Msg msg = default;
        for (int i = 0; i < Batch; i++)
        {
            msg.InitSize(64);
            _push.Send(ref msg);
        }
        for (int i = 0; i < Batch;)
        {
            await _pull.WaitToReceiveAsync();
            while (i < Batch && _pull.TryReceive(ref msg, ReceiveFlags.DontWait))
            {
                total += msg.Size;
                i++;
            }
        }
        msg.Close();
        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task<long> ReceiveFrames()
    {
        long total = 0;
        Msg msg = default;
        for (int i = 0; i < Batch; i++)
        {
            msg.InitSize(64);
            _push.Send(ref msg);
        }
        int received = 0;
        await foreach (Msg frame in _pull.ReceiveFramesAsync())
        {
            total += frame.Size;
            frame.Close();
            if (++received == Batch) break;
        }
        return total;
    }
}
