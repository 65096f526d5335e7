using BenchmarkDotNet.Attributes;
using Zinc.Pipes;
using Zinc.Protocol;

namespace Zinc.Benchmarks;

/// <summary>
/// The ZMTP codec without sockets: frames encoded into the staging buffer (the ring-to-wire
/// hot path and the general path) and a received buffer decoded into a ring (the fast path for
/// small frames and the general decoder for 64 B frames). Per message, and allocation-free.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private const int Batch = 1000;
    private FrameEncoder _encoder = null!;
    private FrameDecoder _decoder = null!;
    private MsgRing _ring = null!;
    private byte[] _wire8 = null!;
    private byte[] _wire64 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _encoder = new FrameEncoder(64 * 1024);
        _decoder = new FrameDecoder(ZmtpVersion.V31, -1);
        _ring = new MsgRing(0);
        _wire8 = Frames(8);
        _wire64 = Frames(64);
    }

    private static byte[] Frames(int size)
    {
        var wire = new byte[Batch * (2 + size)];
        for (int i = 0; i < Batch; i++) wire[i * (2 + size) + 1] = (byte)size;
        return wire;
    }

    /// <summary>Encodes 8 B messages from Msg values (the general encoder path).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Encode8()
    {
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(8);
            _encoder.TryEncode(ref msg);
        }
        int staged = _encoder.Staged;
        _encoder.Discard();
        return staged;
    }

    /// <summary>Ring slots to staging buffer with no Msg in between (the engine's small-message path).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int RingToWire8()
    {
        for (int i = 0; i < Batch; i++)
        {
            Msg msg = default;
            msg.InitSize(8);
            _ring.TryWrite(ref msg);
        }
        _ring.Flush();
        int count = 0;
        var releases = new ReleaseBatch();
        while (true)
        {
            Span<byte> room = _encoder.ShortFrameRoom(RingSlot.InlineSize);
            if (!_ring.TryReadSmall(room.Slice(2), out int size, ref releases)) break;
            _encoder.CommitShortFrame(size);
            count++;
        }
        releases.Flush();
        _encoder.Discard();
        return count;
    }

    /// <summary>Received 8 B frames straight into ring slots, then read (the engine's small-message path).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int WireToRing8()
    {
        ReadOnlySpan<byte> wire = _wire8;
        int at = 0;
        while (at < wire.Length)
        {
            int size = wire[at + 1];
            _ring.TryWriteSmall(wire.Slice(at + 2, size));
            at += 2 + size;
        }
        _ring.Flush();
        return Drain();
    }

    /// <summary>Received 64 B frames through the full decoder into pooled buffers, then read and released.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Decode64()
    {
        ReadOnlySpan<byte> wire = _wire64;
        while (!wire.IsEmpty)
        {
            _decoder.Decode(wire, out int consumed);
            wire = wire.Slice(consumed);
            _decoder.TakeFrame(out Msg frame);
            _ring.TryWrite(ref frame);
        }
        _ring.Flush();
        return Drain();
    }

    private int Drain()
    {
        int count = 0;
        while (_ring.TryRead(out Msg msg))
        {
            msg.Close();
            count++;
        }
        return count;
    }
}
