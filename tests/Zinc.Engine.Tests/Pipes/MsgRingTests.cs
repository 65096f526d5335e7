using Zinc.Pipes;

namespace Zinc.Tests.Pipes;

public sealed class MsgRingTests
{
    private sealed class CountingWaker : IPipeWaker
    {
        public int Wakes;
        public void Wake() => Interlocked.Increment(ref Wakes);
    }

    private static Msg Frame(int value, bool more = false)
    {
        Msg msg = Msg.Copy(BitConverter.GetBytes(value));
        msg.HasMore = more;
        return msg;
    }

    [Fact]
    public void Frames_are_invisible_until_flushed()
    {
        var ring = new MsgRing(0);
        Msg msg = Frame(1);
        Assert.True(ring.TryWrite(ref msg));
        Assert.False(ring.TryRead(out _));
        ring.Flush();
        Assert.True(ring.TryRead(out Msg read));
        Assert.Equal(1, BitConverter.ToInt32(read.Data));
    }

    [Fact]
    public void Order_is_kept_across_many_segments()
    {
        var ring = new MsgRing(0);
        int n = MsgRing.SegmentSize * 5 + 3;
        for (int i = 0; i < n; i++)
        {
            Msg msg = Frame(i);
            Assert.True(ring.TryWrite(ref msg));
            if (i % 7 == 0) ring.Flush();
        }
        ring.Flush();
        for (int i = 0; i < n; i++)
        {
            Assert.True(ring.TryRead(out Msg read));
            Assert.Equal(i, BitConverter.ToInt32(read.Data));
        }
        Assert.False(ring.TryRead(out _));
    }

    [Fact]
    public void Parked_reader_is_woken_once_on_the_empty_to_non_empty_edge()
    {
        var ring = new MsgRing(0);
        var waker = new CountingWaker();
        ring.ReaderWaker = waker;
        Assert.True(ring.PrepareReaderToPark());
        for (int i = 0; i < 10; i++)
        {
            Msg msg = Frame(i);
            ring.TryWrite(ref msg);
            ring.Flush();
        }
        Assert.Equal(1, waker.Wakes);
        for (int i = 0; i < 10; i++) Assert.True(ring.TryRead(out _));
    }

    [Fact]
    public void Reader_that_does_not_park_is_never_woken()
    {
        var ring = new MsgRing(0);
        var waker = new CountingWaker();
        ring.ReaderWaker = waker;
        for (int i = 0; i < 1000; i++)
        {
            Msg msg = Frame(i);
            ring.TryWrite(ref msg);
            ring.Flush();
            Assert.True(ring.TryRead(out _));
            Assert.False(ring.TryRead(out _));
        }
        Assert.Equal(0, waker.Wakes);
    }

    [Fact]
    public void Prepare_to_park_refuses_when_frames_are_waiting()
    {
        var ring = new MsgRing(0);
        Msg msg = Frame(1);
        ring.TryWrite(ref msg);
        ring.Flush();
        Assert.False(ring.PrepareReaderToPark());
    }

    [Fact]
    public void Hwm_counts_whole_messages_and_never_splits_one()
    {
        var ring = new MsgRing(2);
        for (int i = 0; i < 2; i++)
        {
            Msg first = Frame(i, more: true);
            Assert.True(ring.TryWrite(ref first));
            Msg last = Frame(i);
            Assert.True(ring.TryWrite(ref last, continuation: true));
        }
        Msg refused = Frame(9);
        Assert.False(ring.TryWrite(ref refused));
        Msg continuation = Frame(9);
        Assert.True(ring.TryWrite(ref continuation, continuation: true));
    }

    [Fact]
    public void Blocked_writer_is_woken_when_the_reader_frees_credit()
    {
        var ring = new MsgRing(4);
        var waker = new CountingWaker();
        ring.WriterWaker = waker;
        for (int i = 0; i < 4; i++)
        {
            Msg msg = Frame(i);
            Assert.True(ring.TryWrite(ref msg));
        }
        ring.Flush();
        Assert.True(ring.PrepareWriterToPark());
        for (int i = 0; i < 2; i++) Assert.True(ring.TryRead(out _));
        Assert.Equal(1, waker.Wakes);
        Msg next = Frame(5);
        Assert.True(ring.TryWrite(ref next));
    }

    [Fact]
    public void Concurrent_producer_and_consumer_see_every_frame_in_order()
    {
        var ring = new MsgRing(100);
        const int n = 200_000;
        var producer = Task.Factory.StartNew(() =>
        {
            for (int i = 0; i < n; i++)
            {
                Msg msg = Frame(i);
                var spin = new SpinWait();
                while (!ring.TryWrite(ref msg)) spin.SpinOnce();
                if (i % 3 == 0) ring.Flush();
            }
            ring.Flush();
        }, TaskCreationOptions.LongRunning);
        long deadline = Environment.TickCount64 + 20_000;
        for (int i = 0; i < n; i++)
        {
            Msg read;
            var spin = new SpinWait();
            while (!ring.TryRead(out read))
            {
                Assert.True(Environment.TickCount64 < deadline, "consumer starved");
                spin.SpinOnce();
            }
            Assert.Equal(i, BitConverter.ToInt32(read.Data));
        }
        Assert.True(producer.Wait(10_000));
    }

    [Fact]
    public void Leave_by_both_ends_releases_queued_pooled_buffers()
    {
        var ring = new MsgRing(0);
        Msg big = Msg.Copy(new byte[4096]);
        MsgBuffer buffer = big.SharedBuffer!;
        buffer.AddRef(); // the test's own reference keeps the shell from going back to the pool
        ring.TryWrite(ref big);
        ring.Flush();
        ring.Leave();
        Assert.Equal(2, buffer.RefCount);
        ring.Leave();
        Assert.Equal(1, buffer.RefCount);
        buffer.Release();
    }

    [Fact]
    public void Frames_of_every_shape_cross_intact_over_many_laps()
    {
        // Compact slots (inline up to 16 bytes, pooled or wrapped buffers) and overflow frames
        // (inline 17-32 bytes, group, routing id, offset) interleaved across recycled segments.
        var ring = new MsgRing(64);
        byte[] wrapped = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        for (int i = 0; i < MsgRing.SegmentSize * 12; i++)
        {
            Msg msg = (i % 6) switch
            {
                0 => Msg.Copy(BitConverter.GetBytes(i)),
                1 => Msg.Copy(Enumerable.Repeat((byte)i, 24).ToArray()),
                2 => Msg.Copy(Enumerable.Repeat((byte)i, 200).ToArray()),
                3 => Msg.Wrap(wrapped, 10, 20),
                4 => Msg.Wrap(wrapped),
                _ => Msg.Copy(BitConverter.GetBytes(i)),
            };
            if (i % 6 == 5)
            {
                msg.Group = "g" + i;
                msg.RoutingId = (uint)i;
            }
            msg.HasMore = i % 7 == 3;
            Msg expected = default;
            expected.CopyFrom(ref msg);
            Assert.True(ring.TryWrite(ref msg, continuation: true));
            ring.Flush();
            Assert.True(ring.TryRead(out Msg read));
            Assert.Equal(expected.ToArray(), read.ToArray());
            Assert.Equal(expected.HasMore, read.HasMore);
            Assert.Equal(expected.Group, read.Group);
            Assert.Equal(expected.RoutingId, read.RoutingId);
            expected.Close();
            read.Close();
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference SendAndReadWrapped(MsgRing ring)
    {
        byte[] payload = new byte[1 << 20];
        Msg msg = Msg.Wrap(payload);
        ring.TryWrite(ref msg);
        ring.Flush();
        Assert.True(ring.TryRead(out Msg read));
        read.Close();
        return new WeakReference(payload);
    }

    [Fact]
    public void A_wrapped_array_is_not_kept_alive_once_the_reader_has_moved_on()
    {
        var ring = new MsgRing(0);
        WeakReference payload = SendAndReadWrapped(ring);
        for (int i = 0; i < MsgRing.SegmentSize + 1; i++)
        {
            Msg small = Msg.Copy(new byte[] { 1 });
            ring.TryWrite(ref small);
            ring.Flush();
            Assert.True(ring.TryRead(out Msg read));
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(payload.IsAlive);
    }
}
