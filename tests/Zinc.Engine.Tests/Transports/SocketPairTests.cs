using System.Text;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>Every socket-type pairing over tcp and ipc, Zinc at both ends.</summary>
public sealed class SocketPairTests
{
    private static (Context Ctx, Socket Bound, Socket Connected) Link(IoBackend backend, string transport, SocketType bound, SocketType connected)
    {
        Context ctx = NewContext(backend);
        Socket b = ctx.CreateStream(bound);
        Socket c = ctx.CreateStream(connected);
        b.Bind(BindEndpoint(transport));
        c.Connect(b.LastEndpoint);
        return (ctx, b, c);
    }

    private static void Dispose((Context Ctx, Socket Bound, Socket Connected) link)
    {
        link.Bound.Dispose();
        link.Connected.Dispose();
        link.Ctx.Dispose();
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Pair_both_ways(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Pair, SocketType.Pair);
        try
        {
            link.Connected.SendString("ping");
            Assert.Equal("ping", link.Bound.RecvString());
            link.Bound.SendFrames("pong", "", "x");
            Assert.Equal(new[] { "pong", "", "x" }, link.Connected.RecvFrames());
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Pub_sub_filters_topics(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Pub, SocketType.Sub);
        try
        {
            Socket pub = link.Bound, sub = link.Connected;
            sub.Subscribe("news.");
            // Slow joiner: the subscription travels to the PUB asynchronously.
            SendUntilReceived(pub, sub, "news.sync");
            pub.SendString("sport.1");
            pub.SendFrames("news.1", "body");
            pub.SendString("weather.1");
            pub.SendString("news.2");
            var got = new List<string>();
            while (got.Count < 2)
            {
                string[] frames = sub.RecvFrames();
                if (frames[0] != "news.sync") got.Add(string.Join("|", frames));
            }
            Assert.Equal(new[] { "news.1|body", "news.2" }, got);
            Assert.Null(sub.TryRecvString());
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Xpub_sees_xsub_subscription_messages(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.XPub, SocketType.XSub);
        try
        {
            Socket xpub = link.Bound, xsub = link.Connected;
            xsub.Send(new byte[] { 1, (byte)'t', (byte)'1' });
            Assert.Equal(new byte[] { 1, (byte)'t', (byte)'1' }, xpub.ReceiveBytes());
            xpub.SendString("t1-data");
            xpub.SendString("t2-data");
            xpub.SendString("t1-more");
            Assert.Equal("t1-data", xsub.RecvString());
            Assert.Equal("t1-more", xsub.RecvString());
            xsub.Send(new byte[] { 0, (byte)'t', (byte)'1' });
            Assert.Equal(new byte[] { 0, (byte)'t', (byte)'1' }, xpub.ReceiveBytes());
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Req_rep(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Rep, SocketType.Req);
        try
        {
            Socket rep = link.Bound, req = link.Connected;
            for (int i = 0; i < 3; i++)
            {
                req.SendFrames("q" + i, "part");
                Assert.Equal(new[] { "q" + i, "part" }, rep.RecvFrames());
                rep.SendString("a" + i);
                Assert.Equal("a" + i, req.RecvString());
            }
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Req_router(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Router, SocketType.Req);
        try
        {
            Socket router = link.Bound, req = link.Connected;
            req.SendString("question");
            List<byte[]> frames = router.ReceiveMultipart();
            Assert.Equal(3, frames.Count);
            Assert.Empty(frames[1]);
            Assert.Equal("question", Encoding.UTF8.GetString(frames[2]));
            router.SendMultipart([frames[0], [], Encoding.UTF8.GetBytes("answer")]);
            Assert.Equal("answer", req.RecvString());
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Dealer_rep(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Rep, SocketType.Dealer);
        try
        {
            Socket rep = link.Bound, dealer = link.Connected;
            dealer.SendFrames("", "question");
            Assert.Equal("question", rep.RecvString());
            rep.SendString("answer");
            Assert.Equal(new[] { "", "answer" }, dealer.RecvFrames());
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Dealer_router_multipart_and_empty_frames(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Router, SocketType.Dealer);
        try
        {
            Socket router = link.Bound, dealer = link.Connected;
            dealer.SendFrames("a", "", "c", "");
            List<byte[]> frames = router.ReceiveMultipart();
            Assert.Equal(5, frames.Count);
            Assert.Equal(new[] { "a", "", "c", "" }, frames.Skip(1).Select(f => Encoding.UTF8.GetString(f)));
            router.SendMultipart([frames[0], [], [], Encoding.UTF8.GetBytes("z")]);
            Assert.Equal(new[] { "", "", "z" }, dealer.RecvFrames());
            dealer.Send(ReadOnlySpan<byte>.Empty);
            frames = router.ReceiveMultipart();
            Assert.Equal(2, frames.Count);
            Assert.Empty(frames[1]);
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Push_pull_one_mebibyte_message(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Pull, SocketType.Push);
        try
        {
            var big = new byte[1 << 20];
            new Random(42).NextBytes(big);
            link.Connected.Send(big, SendFlags.SendMore);
            link.Connected.Send(big.AsSpan(0, 1000));
            Assert.Equal(big, link.Bound.ReceiveBytes());
            Assert.True(link.Bound.HasMore);
            Assert.Equal(big.AsSpan(0, 1000).ToArray(), link.Bound.ReceiveBytes());
            Assert.False(link.Bound.HasMore);
        }
        finally
        {
            Dispose(link);
        }
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Push_pull_ten_thousand_messages_in_order(IoBackend backend, string transport)
    {
        var link = Link(backend, transport, SocketType.Pull, SocketType.Push);
        try
        {
            const int count = 10_000;
            Task sender = TestSupport.RunBounded(() =>
            {
                Span<byte> buffer = stackalloc byte[4];
                for (int i = 0; i < count; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer, i);
                    link.Connected.Send(buffer);
                }
            });
            Span<byte> got = stackalloc byte[8];
            for (int i = 0; i < count; i++)
            {
                int n = link.Bound.Receive(got);
                Assert.Equal(4, n);
                Assert.Equal(i, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(got));
            }
            sender.WaitBounded("sender");
        }
        finally
        {
            Dispose(link);
        }
    }
}
