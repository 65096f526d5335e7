using Zinc.Pipes;

namespace Zinc.Tests.Pipes;

public sealed class ReleaseBatchTests
{
    [Fact]
    public void References_to_one_buffer_are_given_back_together_on_flush()
    {
        MsgBuffer buffer = MsgBuffer.RentShared(1024, 3);
        var batch = new ReleaseBatch();
        batch.Add(buffer);
        batch.Add(buffer);
        Assert.Equal(3, buffer.RefCount); // nothing given back before the flush
        batch.Flush();
        Assert.Equal(1, buffer.RefCount);
        buffer.Release();
        Assert.Equal(0, buffer.RefCount);
    }

    [Fact]
    public void A_different_buffer_gives_back_the_previous_run_first()
    {
        MsgBuffer first = MsgBuffer.RentShared(1024, 2);
        MsgBuffer second = MsgBuffer.Rent(64);
        var batch = new ReleaseBatch();
        batch.Add(first);
        batch.Add(first);
        batch.Add(second);
        Assert.Equal(0, first.RefCount);
        Assert.Equal(1, second.RefCount);
        batch.Flush();
        Assert.Equal(0, second.RefCount);
        batch.Flush(); // empty: nothing to give back
    }

    [Fact]
    public void The_encoder_path_releases_every_carved_message_it_takes_from_a_ring()
    {
        var ring = new MsgRing(0);
        var messages = new List<MsgBuffer>();
        for (int i = 0; i < 10; i++)
        {
            Msg msg = Msg.Copy(new byte[64]); // carved from this thread's slab
            messages.Add(msg.SharedBuffer!);
            Assert.True(ring.TryWrite(ref msg));
        }
        ring.Flush();
        // Usually one slab; two when this thread's slab ran out part way (a full suite run has
        // carved from it before), so the counts are checked slab by slab.
        var slabs = messages.Distinct().ToList();
        Assert.InRange(slabs.Count, 1, 2);
        var before = slabs.ToDictionary(slab => slab, slab => slab.RefCount);
        var batch = new ReleaseBatch();
        byte[] destination = new byte[255];
        for (int i = 0; i < 10; i++) Assert.True(ring.TryReadSmall(destination, out int size, ref batch) && size == 64);
        if (slabs.Count == 1) Assert.Equal(before[slabs[0]], slabs[0].RefCount); // nothing given back before the flush
        batch.Flush();
        foreach (MsgBuffer slab in slabs)
            Assert.Equal(before[slab] - messages.Count(m => ReferenceEquals(m, slab)), slab.RefCount);
    }
}
