namespace Zinc.Tests.Transports;

/// <summary>
/// Direct read, message streams: once a blocking receive has borrowed its connection from the IO
/// loop, everything still arrives whole and in order, also when the receiving thread decodes
/// faster than RCVHWM lets it deliver (the frames and bytes left over wait for the next pump).
/// </summary>
public class DirectReadStreamTests
{
    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Many_messages_arrive_in_order_through_a_lent_connection_with_a_tiny_rcvhwm(IoBackend backend, string transport)
    {
        const int count = 20_000;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 10); // a 64 KiB read holds hundreds of messages: most wait for credit
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);
        DirectRead.EnsureLent(pull);

        Task sender = TestSupport.RunBounded(() =>
        {
            byte[] payload = new byte[64];
            for (int i = 0; i < count; i++)
            {
                DirectRead.Seq(i).CopyTo(payload, 0);
                push.Send(payload);
            }
        });

        int lentSeen = 0;
        for (int i = 0; i < count; i++)
        {
            byte[] got = pull.ReceiveBytes();
            Assert.Equal(64, got.Length);
            Assert.Equal(i, DirectRead.SeqOf(got));
            if (i % 1000 == 999 && DirectRead.IsLent(pull)) lentSeen++;
        }
        sender.WaitBounded("sender");
        Assert.Null(pull.TryRecvString());
        // The point of the test: most of the stream went through the receiving thread's own reads.
        if (DirectRead.Enabled) Assert.True(lentSeen > 0, "the connection was never lent to the receiving thread during the stream");
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Multipart_messages_with_empty_and_large_frames_stay_whole_and_in_order(IoBackend backend, string transport)
    {
        const int count = 300;
        const int big = 100 * 1024; // larger than the receiving thread's 64 KiB read: a frame spans reads
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 10);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);
        DirectRead.EnsureLent(pull);

        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < count; i++)
            {
                if (i % 2 == 0)
                {
                    byte[] large = new byte[big];
                    Array.Fill(large, (byte)i);
                    push.SendMultipart(new[] { DirectRead.Seq(i), Array.Empty<byte>(), large });
                }
                else push.SendMultipart(new[] { Array.Empty<byte>(), DirectRead.Seq(i), Array.Empty<byte>() });
            }
        });

        for (int i = 0; i < count; i++)
        {
            List<byte[]> frames = pull.ReceiveMultipart();
            Assert.Equal(3, frames.Count);
            if (i % 2 == 0)
            {
                Assert.Equal(i, DirectRead.SeqOf(frames[0]));
                Assert.Empty(frames[1]);
                Assert.Equal(big, frames[2].Length);
                Assert.True(frames[2].AsSpan().IndexOfAnyExcept((byte)i) < 0, $"message {i}: the 100 KiB frame holds foreign bytes");
            }
            else
            {
                Assert.Empty(frames[0]);
                Assert.Equal(i, DirectRead.SeqOf(frames[1]));
                Assert.Equal(4, frames[1].Length);
                Assert.Empty(frames[2]);
            }
        }
        sender.WaitBounded("sender");
        Assert.Null(pull.TryRecvString());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Frames_held_back_for_credit_when_the_lease_runs_out_reach_the_loop_in_order(IoBackend backend, string transport)
    {
        const int count = 2000;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 10);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);
        DirectRead.EnsureLent(pull);
        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < count; i++) push.SendMultipart(new[] { DirectRead.Seq(i), Array.Empty<byte>(), new byte[200] });
        });

        // The first receive reads far more than RCVHWM lets it deliver; then nobody receives
        // until the lease has run out, and the loop takes the connection back with what is held.
        Assert.Equal(0, DirectRead.SeqOf(pull.ReceiveMultipart()[0]));
        Thread.Sleep(DirectRead.LeaseMs * 4);

        using var poller = new Poller();
        poller.Add(pull, PollEvents.PollIn);
        for (int i = 1; i < count; i++)
        {
            List<byte[]> frames;
            if (i % 2 == 0) frames = pull.ReceiveMultipart(); // and a blocking receive may borrow it again
            else
            {
                Assert.True(poller.TryWait(out _, 2 * TestSupport.TimeoutMs), $"message {i} never came");
                frames = pull.ReceiveMultipart();
            }
            Assert.Equal(3, frames.Count);
            Assert.Equal(i, DirectRead.SeqOf(frames[0]));
            Assert.Empty(frames[1]);
            Assert.Equal(200, frames[2].Length);
        }
        sender.WaitBounded("sender");
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void The_most_connections_a_socket_lends_all_deliver_in_order(IoBackend backend, string transport) =>
        ManyPeersDeliverInOrder(backend, transport, peers: 4, expectLent: true); // Socket.MaxLentPipes

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void More_connections_than_a_socket_lends_all_deliver_in_order_through_the_loop(IoBackend backend, string transport) =>
        ManyPeersDeliverInOrder(backend, transport, peers: 20, expectLent: false);

    private static void ManyPeersDeliverInOrder(IoBackend backend, string transport, int peers, bool expectLent)
    {
        const int perPeer = 100;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 10);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        var pushes = new List<Socket>();
        try
        {
            for (int p = 0; p < peers; p++)
            {
                Socket push = ctx.CreateStream(SocketType.Push);
                pushes.Add(push);
                push.Connect(pull.LastEndpoint);
            }
            if (expectLent) DirectRead.EnsureLent(pull, peers);

            Task sender = TestSupport.RunBounded(() =>
            {
                for (int i = 0; i < perPeer; i++)
                {
                    for (int p = 0; p < peers; p++) pushes[p].Send([.. DirectRead.Seq(p), .. DirectRead.Seq(i)]);
                }
            });

            int[] next = new int[peers];
            for (int n = 0; n < peers * perPeer; n++)
            {
                byte[] got = pull.ReceiveBytes();
                Assert.Equal(8, got.Length);
                int peer = DirectRead.SeqOf(got);
                int seq = DirectRead.SeqOf(got[4..]);
                Assert.InRange(peer, 0, peers - 1);
                Assert.Equal(next[peer]++, seq);
            }
            sender.WaitBounded("sender");
            Assert.All(next, n => Assert.Equal(perPeer, n));
            if (!expectLent) Assert.Equal(0, DirectRead.LentCount(pull));
        }
        finally
        {
            foreach (Socket push in pushes) push.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Req_rep_round_trips_with_both_sides_blocking(IoBackend backend, string transport)
    {
        const int rounds = 2000;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket rep = ctx.CreateStream(SocketType.Rep);
        rep.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket req = ctx.CreateStream(SocketType.Req);
        req.Connect(rep.LastEndpoint);

        Task server = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                byte[] request = rep.ReceiveBytes();
                Assert.Equal(i, DirectRead.SeqOf(request));
                rep.Send([.. request, .. "ok"u8]);
            }
        });
        for (int i = 0; i < rounds; i++)
        {
            req.Send(DirectRead.Seq(i));
            byte[] reply = req.ReceiveBytes();
            Assert.Equal(6, reply.Length);
            Assert.Equal(i, DirectRead.SeqOf(reply));
        }
        server.WaitBounded("REP side");
    }
}
