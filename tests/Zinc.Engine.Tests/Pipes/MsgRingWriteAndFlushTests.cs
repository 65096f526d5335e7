using Zinc.Pipes;

namespace Zinc.Tests.Pipes;

/// <summary><see cref="MsgRing.TryWriteAndFlush"/>: the one-step send of a single-frame message.</summary>
public sealed class MsgRingWriteAndFlushTests
{
    private sealed class CountingWaker : IPipeWaker
    {
        public int Wakes;
        public void Wake() => Interlocked.Increment(ref Wakes);
    }

    private static Msg Frame(int value) => Msg.Copy(BitConverter.GetBytes(value));

    [Fact]
    public void A_frame_is_visible_at_once_and_order_holds_across_segments()
    {
        var ring = new MsgRing(0);
        int n = MsgRing.SegmentSize * 4 + 5;
        int nextRead = 0;
        for (int i = 0; i < n; i++)
        {
            Msg msg = Frame(i);
            Assert.True(ring.TryWriteAndFlush(ref msg));
            Assert.Equal(0, msg.Size); // moved into the ring
            if (i % 3 != 0) continue;
            Assert.True(ring.TryRead(out Msg read)); // no Flush needed
            Assert.Equal(nextRead++, BitConverter.ToInt32(read.Data));
            read.Close();
        }
        while (ring.TryRead(out Msg read))
        {
            Assert.Equal(nextRead++, BitConverter.ToInt32(read.Data));
            read.Close();
        }
        Assert.Equal(n, nextRead);
    }

    [Fact]
    public void It_mixes_with_two_step_writes_and_multipart_messages()
    {
        var ring = new MsgRing(0);
        var frames = new List<(int Value, bool More)>();
        for (int i = 0; i < MsgRing.SegmentSize * 3; i++)
        {
            switch (i % 5)
            {
                case 0: // a two-frame message: the second frame is written in one step
                    Msg first = Frame(i);
                    first.HasMore = true;
                    Assert.True(ring.TryWrite(ref first));
                    frames.Add((i, true));
                    Msg last = Frame(-i);
                    Assert.True(ring.TryWriteAndFlush(ref last)); // frames pending: falls back
                    frames.Add((-i, false));
                    break;
                case 1: // a frame larger than a slot's inline bytes
                    Msg big = Msg.Copy(Enumerable.Repeat((byte)i, 24).ToArray());
                    Assert.True(ring.TryWriteAndFlush(ref big));
                    frames.Add((i, false));
                    break;
                default:
                    Msg msg = Frame(i);
                    Assert.True(ring.TryWriteAndFlush(ref msg));
                    frames.Add((i, false));
                    break;
            }
        }
        for (int k = 0; k < frames.Count; k++)
        {
            Assert.True(ring.TryRead(out Msg read), $"frame {k} missing");
            (int value, bool more) = frames[k];
            if (read.Size == 24) Assert.All(read.ToArray(), b => Assert.Equal((byte)value, b));
            else Assert.Equal(value, BitConverter.ToInt32(read.Data));
            Assert.Equal(more, read.HasMore);
            read.Close();
        }
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void It_honours_the_high_water_mark_and_wakes_a_parked_reader()
    {
        var ring = new MsgRing(4);
        var waker = new CountingWaker();
        ring.ReaderWaker = waker;
        Assert.True(ring.PrepareReaderToPark());
        for (int i = 0; i < 4; i++)
        {
            Msg msg = Frame(i);
            Assert.True(ring.TryWriteAndFlush(ref msg));
        }
        Assert.Equal(1, waker.Wakes); // the empty-to-non-empty edge only
        Msg refused = Frame(99);
        Assert.False(ring.TryWriteAndFlush(ref refused));
        Assert.Equal(4, refused.Size); // still the caller's
        refused.Close();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryRead(out Msg read));
            Assert.Equal(i, BitConverter.ToInt32(read.Data));
        }
    }

    [Fact]
    public void A_conflating_ring_keeps_the_newest()
    {
        var ring = new MsgRing(0, conflate: true);
        for (int i = 0; i < 3; i++)
        {
            Msg msg = Frame(i);
            Assert.True(ring.TryWriteAndFlush(ref msg));
        }
        Assert.True(ring.TryRead(out Msg read));
        Assert.Equal(2, BitConverter.ToInt32(read.Data));
        Assert.False(ring.TryRead(out _));
    }
}
