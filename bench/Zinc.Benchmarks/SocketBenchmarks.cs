using BenchmarkDotNet.Attributes;

namespace Zinc.Benchmarks;

/// <summary>
/// PUSH to PULL over inproc in one thread: the whole socket path (options, pattern, pipe) per
/// message. The memory diagnoser shows the steady state allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class SocketBenchmarks
{
    private const int Batch = 500;
    private Context _context = null!;
    private Socket _push = null!;
    private Socket _pull = null!;

    [Params(8, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = new Context();
        _pull = _context.CreateSocket(SocketType.Pull);
        _push = _context.CreateSocket(SocketType.Push);
        _pull.Bind("inproc://bench-sockets");
        _push.Connect("inproc://bench-sockets");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _push.Dispose();
        _pull.Dispose();
        _context.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long SendThenReceive()
    {
        long total = 0;
        Msg msg = default;
        for (int i = 0; i < Batch; i++)
        {
            msg.InitSize(Size);
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
}
