namespace Zinc.Tests.Messages;

public sealed class MsgTests
{
    [Fact]
    public void Default_msg_is_an_empty_frame()
    {
        Msg msg = default;
        Assert.Equal(0, msg.Size);
        Assert.False(msg.HasMore);
        Assert.True(msg.Data.IsEmpty);
        msg.Close();
    }

    [Fact]
    public void Small_payload_is_stored_inline()
    {
        Msg msg = Msg.Copy(new byte[] { 1, 2, 3 });
        Assert.False(msg.IsShared);
        Assert.Equal(new byte[] { 1, 2, 3 }, msg.ToArray());
        msg.Close();
    }

    [Fact]
    public void Large_payload_uses_a_counted_buffer_shared_by_copies()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Msg a = Msg.Copy(data);
        Assert.True(a.IsShared);
        Msg b = default;
        b.CopyFrom(ref a);
        Assert.Equal(2, a.SharedBuffer!.RefCount);
        Assert.True(a.Data.Overlaps(b.Data));
        a.Close();
        Assert.Equal(1, b.SharedBuffer!.RefCount);
        Assert.Equal(data, b.ToArray());
        b.Close();
    }

    [Fact]
    public void Move_leaves_the_source_empty()
    {
        Msg a = Msg.Copy(new byte[100]);
        Msg b = default;
        b.MoveFrom(ref a);
        Assert.Equal(0, a.Size);
        Assert.Equal(100, b.Size);
        b.Close();
    }

    [Fact]
    public void Wrap_shares_the_callers_array_without_copying()
    {
        byte[] data = new byte[64];
        Msg msg = Msg.Wrap(data, 8, 16);
        data[8] = 42;
        Assert.Equal(42, msg.Data[0]);
        Assert.Equal(16, msg.Size);
        msg.Close();
    }

    [Fact]
    public void Flags_and_routing_fields_round_trip()
    {
        Msg msg = default;
        msg.HasMore = true;
        msg.RoutingId = 7;
        msg.Group = "weather";
        Assert.Equal(MsgFlags.More, msg.Flags);
        Assert.Equal(7u, msg.RoutingId);
        Assert.Equal("weather", msg.Group);
        Assert.Equal(ZmqError.EINVAL, Zinc.Tests.TestSupport.ErrorOf(() => { Msg m = default; m.Group = new string('g', 256); }));
    }

    [Fact]
    public void Msg_is_one_cache_line()
    {
        Assert.Equal(64, System.Runtime.CompilerServices.Unsafe.SizeOf<Msg>());
    }
}
