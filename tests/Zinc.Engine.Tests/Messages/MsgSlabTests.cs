using Zinc.Pipes;

namespace Zinc.Tests.Messages;

public sealed class MsgSlabTests
{
    private static byte[] Pattern(int size, int seed) => Enumerable.Range(0, size).Select(i => (byte)(i * 31 + seed)).ToArray();

    [Fact]
    public void Small_payloads_are_carved_one_after_another_from_one_buffer()
    {
        Msg a = Msg.Copy(Pattern(40, 1));
        Msg b = Msg.Copy(Pattern(100, 2));
        Assert.Same(a.SharedBuffer, b.SharedBuffer);
        Assert.False(a.Data.Overlaps(b.Data));
        Assert.Equal(Pattern(40, 1), a.Data.ToArray());
        Assert.Equal(Pattern(100, 2), b.Data.ToArray());
        a.Close();
        b.Close();
    }

    [Fact]
    public void Inline_and_large_payloads_do_not_use_the_slab()
    {
        Msg inline = Msg.Copy(new byte[Msg.MaxInlineSize]);
        Msg large = Msg.Copy(new byte[MsgSlab.MaxCarve + 1]);
        Assert.False(inline.IsShared);
        Assert.True(large.IsShared);
        Msg carved = Msg.Copy(new byte[MsgSlab.MaxCarve]);
        Assert.NotSame(carved.SharedBuffer, large.SharedBuffer);
        inline.Close();
        large.Close();
        carved.Close();
    }

    [Fact]
    public void A_full_slab_is_recycled_once_every_message_carved_from_it_is_released()
    {
        var messages = new List<Msg>();
        Msg first = Msg.Copy(new byte[200]);
        MsgBuffer slab = first.SharedBuffer!;
        messages.Add(first);
        // Fill it (16 KiB in 200-byte steps) and go one past, which retires it.
        while (true)
        {
            Msg next = Msg.Copy(new byte[200]);
            if (!ReferenceEquals(next.SharedBuffer, slab))
            {
                next.Close();
                break;
            }
            messages.Add(next);
        }
        Assert.Equal(messages.Count, slab.RefCount);
        // Released from another thread, as a receiver would.
        var release = new Thread(() =>
        {
            for (int i = 0; i < messages.Count; i++)
            {
                Msg m = messages[i];
                m.Close();
            }
        });
        release.Start();
        Assert.True(release.Join(10_000));
        Assert.Equal(0, slab.RefCount);
    }

    [Fact]
    public void Copies_of_a_carved_message_share_it_and_count()
    {
        Msg a = Msg.Copy(Pattern(64, 3));
        int before = a.SharedBuffer!.RefCount;
        Msg b = default;
        b.CopyFrom(ref a);
        Assert.Equal(before + 1, a.SharedBuffer!.RefCount);
        a.Close();
        Assert.Equal(Pattern(64, 3), b.Data.ToArray());
        b.Close();
    }

    [Fact]
    public void A_ring_carries_the_offset_of_a_carved_payload()
    {
        var ring = new MsgRing(0);
        Msg filler = Msg.Copy(Pattern(72, 4)); // moves the next carve off offset 0
        Msg carved = Msg.Copy(Pattern(64, 5));
        Msg wrapped = Msg.Wrap(Pattern(50, 6), 7, 20);
        Assert.True(ring.TryWrite(ref carved));
        Assert.True(ring.TryWrite(ref wrapped));
        ring.Flush();
        Assert.True(ring.TryRead(out Msg readCarved));
        Assert.True(ring.TryRead(out Msg readWrapped));
        Assert.Equal(Pattern(64, 5), readCarved.Data.ToArray());
        Assert.Equal(Pattern(50, 6).AsSpan(7, 20).ToArray(), readWrapped.Data.ToArray());
        readCarved.Close();
        readWrapped.Close();
        filler.Close();
    }

    [Theory]
    [InlineData("inproc")]
    [InlineData("tcp")]
    public void Carved_payloads_of_every_size_arrive_whole_through_sockets(string transport)
    {
        using var context = new Context();
        using Socket pull = context.CreateSocket(SocketType.Pull);
        using Socket push = context.CreateSocket(SocketType.Push);
        pull.SetOption(SocketOption.RcvTimeo, 10_000);
        push.SetOption(SocketOption.SndTimeo, 10_000);
        pull.SetOption(SocketOption.RcvHwm, 16);
        string endpoint = transport == "inproc" ? $"inproc://slab-{Guid.NewGuid():N}" : "tcp://127.0.0.1:*";
        pull.Bind(endpoint);
        push.Connect(pull.LastEndpoint!);
        var sender = Task.Run(() =>
        {
            for (int round = 0; round < 20; round++)
                for (int size = Msg.MaxInlineSize + 1; size <= MsgSlab.MaxCarve; size++)
                    push.Send(Pattern(size, round));
        });
        Msg msg = default;
        for (int round = 0; round < 20; round++)
        {
            for (int size = Msg.MaxInlineSize + 1; size <= MsgSlab.MaxCarve; size++)
            {
                pull.Receive(ref msg);
                Assert.Equal(Pattern(size, round), msg.Data.ToArray());
            }
        }
        msg.Close();
        Assert.True(sender.Wait(10_000));
    }
}
