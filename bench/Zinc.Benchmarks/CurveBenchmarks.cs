using BenchmarkDotNet.Attributes;
using Zinc.Protocol;
using Zinc.Security;

namespace Zinc.Benchmarks;

/// <summary>
/// CURVE's per-message cost without sockets: a message sealed into the encoder's staging buffer
/// (the send path) and a MESSAGE body opened into a stack buffer (the receive fast path), at
/// 64 B and 1 KiB. Both must be allocation-free.
/// </summary>
[MemoryDiagnoser]
public class CurveBenchmarks
{
    private const int Batch = 100;
    private FrameEncoder _encoder = null!;
    private CurveCodec _sender = null!;
    private CurveCodec _receiver = null!;
    private byte[] _payload = null!;
    private byte[][] _sealed = null!;

    [Params(64, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = new byte[32];
        Sodium.RandomBytes(key);
        _encoder = new FrameEncoder(256 * 1024);
        _sender = new CurveCodec((byte[])key.Clone(), asServer: false, lastSent: 0, lastReceived: 0);
        _payload = new byte[Size];
        // Bodies sealed with increasing nonces, opened by a codec reset before each round.
        var sealer = new CurveCodec((byte[])key.Clone(), asServer: false, lastSent: 0, lastReceived: 0);
        _sealed = new byte[Batch][];
        for (int i = 0; i < Batch; i++)
        {
            _sealed[i] = new byte[Size + CurveCodec.Overhead];
            sealer.Seal(_sealed[i], MsgFlags.None, _payload);
        }
        _key = key;
    }

    private byte[] _key = null!;

    [IterationSetup(Target = nameof(Open))]
    public void ResetReceiver() => _receiver = new CurveCodec((byte[])_key.Clone(), asServer: true, lastSent: 0, lastReceived: 0);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Seal()
    {
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(Size);
            _encoder.TryEncodeSealed(ref msg, _sender);
        }
        int staged = _encoder.Staged;
        _encoder.Discard();
        return staged;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Open()
    {
        Span<byte> plain = stackalloc byte[1025];
        int ok = 0;
        for (int i = 0; i < Batch; i++)
        {
            byte[] body = _sealed[i];
            if (_receiver.Open(body, plain.Slice(0, body.Length - 32)) == 0) ok++;
        }
        return ok;
    }
}
