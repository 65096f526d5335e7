using BenchmarkDotNet.Attributes;
using Zinc.Pipes;

namespace Zinc.Benchmarks;

/// <summary>The SPSC ring alone, one thread writing then reading: the floor under every socket.</summary>
[MemoryDiagnoser]
public class PipeBenchmarks
{
    private const int Batch = 1000;
    private MsgRing _ring = null!;

    [Params(0, 1000)]
    public int Hwm { get; set; }

    [GlobalSetup]
    public void Setup() => _ring = new MsgRing(Hwm == 0 ? 0 : Hwm * 2);

    /// <summary>Writes and flushes one frame at a time, then reads it: per-message publication.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long WriteFlushRead()
    {
        long total = 0;
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(8);
            _ring.TryWrite(ref msg);
            _ring.Flush();
            _ring.TryRead(out Msg read);
            total += read.Size;
            read.Close();
        }
        return total;
    }

    /// <summary>Writes a batch, flushes once, reads the batch: batched publication.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long BatchedWriteThenRead()
    {
        long total = 0;
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(8);
            _ring.TryWrite(ref msg);
        }
        _ring.Flush();
        for (int i = 0; i < Batch; i++)
        {
            _ring.TryRead(out Msg read);
            total += read.Size;
            read.Close();
        }
        return total;
    }
}
