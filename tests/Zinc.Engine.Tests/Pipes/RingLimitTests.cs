using Zinc.Pipes;

namespace Zinc.Tests.Pipes;

/// <summary><see cref="RingLimit"/> and a <see cref="MsgRing"/> whose high-water mark changes while in use.</summary>
public sealed class RingLimitTests
{
    private sealed class CountingWaker : IPipeWaker
    {
        public int Wakes;
        public void Wake() => Interlocked.Increment(ref Wakes);
    }

    [Theory]
    [InlineData(5, RingLimit.NotCounted, 5)]
    [InlineData(RingLimit.NotCounted, 7, 7)]
    [InlineData(5, 7, 12)]
    [InlineData(0, 7, 0)]
    [InlineData(5, 0, 0)]
    [InlineData(RingLimit.NotCounted, RingLimit.NotCounted, 0)]
    [InlineData(int.MaxValue, 1, 0)]
    public void The_effective_mark_follows_libzmq(int writer, int reader, int effective) =>
        Assert.Equal(effective, new RingLimit(writer, reader).Effective);

    private static int Fill(MsgRing ring)
    {
        int written = 0;
        while (true)
        {
            Msg msg = Msg.Copy("x"u8);
            if (!ring.TryWriteAndFlush(ref msg)) return written;
            written++;
        }
    }

    private static void Drain(MsgRing ring, int count)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.True(ring.TryRead(out Msg msg));
            msg.Close();
        }
    }

    [Fact]
    public void A_lower_writer_share_refuses_the_next_message_at_once()
    {
        var ring = new MsgRing(new RingLimit(10, 10));
        for (int i = 0; i < 5; i++)
        {
            Msg msg = Msg.Copy("x"u8);
            Assert.True(ring.TryWriteAndFlush(ref msg));
        }
        ring.SetWriterShare(1); // 1 + 10 = 11, 5 in flight
        Assert.Equal(11, ring.HighWaterMark);
        Assert.Equal(6, Fill(ring));
        ring.SetWriterShare(0); // unlimited
        Assert.Equal(0, ring.HighWaterMark);
        Assert.True(ring.HasCredit);
    }

    [Fact]
    public void A_mark_set_on_an_unlimited_ring_counts_what_the_reader_consumed_before()
    {
        var ring = new MsgRing(RingLimit.Writer(0));
        for (int i = 0; i < 50; i++)
        {
            Msg msg = Msg.Copy("x"u8);
            Assert.True(ring.TryWriteAndFlush(ref msg));
        }
        Drain(ring, 50); // no mark: nothing reported
        ring.SetWriterShare(20);
        Assert.False(ring.HasCredit); // the writer has not yet heard of the 50 reads
        Assert.True(ring.PrepareReaderToPark()); // the reader reports before it parks
        Assert.Equal(20, Fill(ring));
    }

    [Fact]
    public void A_reader_raising_its_share_wakes_a_blocked_writer()
    {
        var writerWaker = new CountingWaker();
        var ring = new MsgRing(new RingLimit(2, 2)) { WriterWaker = writerWaker };
        Assert.Equal(4, Fill(ring));
        Assert.True(ring.PrepareWriterToPark());
        ring.SetReaderShare(10);
        Assert.Equal(1, writerWaker.Wakes);
        Assert.Equal(8, Fill(ring));
    }

    [Fact]
    public void A_reader_setting_a_mark_on_an_unlimited_ring_takes_hold_within_the_writers_window()
    {
        var ring = new MsgRing(RingLimit.Reader(0)); // a session's link: only the socket (reader) counts
        ring.SetReaderShare(100);
        Assert.Equal(100, ring.HighWaterMark);
        int written = 0;
        for (; written < 200_000; written++)
        {
            Msg msg = Msg.Copy("x"u8);
            if (!ring.TryWriteAndFlush(ref msg)) break;
        }
        Assert.Equal(100, written); // the reader's share lowered the writer's cached window at once
    }
}
