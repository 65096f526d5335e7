using BenchmarkDotNet.Attributes;

namespace Zinc.Benchmarks;

/// <summary>Cost of making, copying and closing frames: inline ones must not allocate, pooled ones neither.</summary>
[MemoryDiagnoser]
public class MsgBenchmarks
{
    private readonly byte[] _small = new byte[8];
    private readonly byte[] _large = new byte[1024];
    private readonly byte[] _medium = new byte[64];

    [Benchmark]
    public int InlineCopyAndClose()
    {
        Msg msg = Msg.Copy(_small);
        int size = msg.Size;
        msg.Close();
        return size;
    }

    // 33-256 bytes: carved from the thread's slab (MsgSlab); a whole slab is retired and recycled every 256 of these.
    [Benchmark]
    public int SlabCopyAndClose()
    {
        Msg msg = Msg.Copy(_medium);
        int size = msg.Size;
        msg.Close();
        return size;
    }

    [Benchmark]
    public int PooledCopyAndClose()
    {
        Msg msg = Msg.Copy(_large);
        int size = msg.Size;
        msg.Close();
        return size;
    }

    [Benchmark]
    public int PooledShareWithFourPeers()
    {
        Msg msg = Msg.Copy(_large);
        Msg a = default, b = default, c = default, d = default;
        a.CopyFrom(ref msg);
        b.CopyFrom(ref msg);
        c.CopyFrom(ref msg);
        d.MoveFrom(ref msg);
        int size = a.Size + b.Size + c.Size + d.Size;
        a.Close();
        b.Close();
        c.Close();
        d.Close();
        return size;
    }
}
