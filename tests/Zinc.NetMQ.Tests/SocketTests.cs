using System.Text;
using NetMQ;
using NetMQ.Sockets;

namespace NetMQFacadeTests;

// What a NetMQ user writes: typed sockets with connection strings, the Send*/Receive* extensions.
public class SocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static string Inproc() => "inproc://t-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void RequestResponse_OverTcp_WithConnectionStrings()
    {
        using var server = new ResponseSocket();
        int port = server.BindRandomPort("tcp://127.0.0.1");
        using var client = new RequestSocket($">tcp://127.0.0.1:{port}");
        client.SendFrame("Hello");
        Assert.True(server.TryReceiveFrameString(Wait, out string? request));
        Assert.Equal("Hello", request);
        server.SendFrame("World");
        Assert.True(client.TryReceiveFrameString(Wait, out string? reply));
        Assert.Equal("World", reply);
    }

    [Fact]
    public void DefaultActions_BindOrConnect_AsNetMQ()
    {
        string a = Inproc();
        using var pull = new PullSocket(a);          // PULL binds by default
        using var push = new PushSocket(a);          // PUSH connects by default
        push.SendFrame("x");
        Assert.Equal("x", pull.ReceiveFrameString());

        string b = Inproc();
        using var router = new RouterSocket(b);      // ROUTER binds
        using var dealer = new DealerSocket(b);      // DEALER connects
        dealer.SendFrame("d");
        Assert.True(router.TryReceiveFrameBytes(Wait, out _, out bool more));
        Assert.True(more);
        Assert.Equal("d", router.ReceiveFrameString());
    }

    [Fact]
    public void CommaList_AndPrefixes_OverrideDefaults()
    {
        string a = Inproc(), b = Inproc();
        using var pull = new PullSocket($"@{a}, @{b}");
        using var push1 = new PushSocket($">{a}");
        using var push2 = new PushSocket(b);
        push1.SendFrame("1");
        push2.SendFrame("2");
        var got = new[] { pull.ReceiveFrameString(), pull.ReceiveFrameString() };
        Array.Sort(got);
        Assert.Equal(new[] { "1", "2" }, got);
        // '@' on a connect-by-default socket binds.
        string c = Inproc();
        using var bindingPush = new PushSocket("@" + c);
        using var connectingPull = new PullSocket(">" + c);
        bindingPush.SendFrame("3");
        Assert.Equal("3", connectingPull.ReceiveFrameString());
    }

    [Fact]
    public void Multipart_Message_Strings_Bytes_AndSkip()
    {
        string a = Inproc();
        using var pull = new PullSocket(a);
        using var push = new PushSocket(a);

        var message = new NetMQMessage();
        message.Append("one");
        message.Append(2);
        message.AppendEmptyFrame();
        message.Append(new byte[] { 9, 8 });
        push.SendMultipartMessage(message);
        NetMQMessage got = pull.ReceiveMultipartMessage();
        Assert.Equal(4, got.FrameCount);
        Assert.Equal("one", got[0].ConvertToString());
        Assert.Equal(2, got[1].ConvertToInt32());
        Assert.True(got[2].IsEmpty);
        Assert.Equal(new byte[] { 9, 8 }, got[3].ToByteArray());
        Assert.Equal(message[3], got.Last);

        push.SendMoreFrame("a").SendMoreFrame(Encoding.UTF8.GetBytes("b")).SendFrame("c");
        Assert.Equal(new List<string> { "a", "b", "c" }, pull.ReceiveMultipartStrings());

        push.SendMultipartBytes(new byte[] { 1 }, new byte[] { 2, 3 });
        List<byte[]> bytes = pull.ReceiveMultipartBytes();
        Assert.Equal(2, bytes.Count);
        Assert.Equal(new byte[] { 2, 3 }, bytes[1]);

        push.SendMoreFrameEmpty().SendFrame("tail");
        pull.SkipFrame(out bool more);
        Assert.True(more);
        Assert.Equal("tail", pull.ReceiveFrameString(out more));
        Assert.False(more);

        push.SendMoreFrame("x").SendFrame("y");
        pull.SkipMultipartMessage();
        push.SendFrameEmpty();
        Assert.Equal("", pull.ReceiveFrameString());
    }

    [Fact]
    public void Try_Calls_ReturnFalse_WhenNothingWaits()
    {
        string a = Inproc();
        using var pull = new PullSocket(a);
        Assert.False(pull.TryReceiveFrameString(out string? s));
        Assert.Null(s);
        Assert.False(pull.TryReceiveFrameBytes(TimeSpan.FromMilliseconds(1), out byte[]? b));
        Assert.Null(b);
        NetMQMessage? m = null;
        Assert.False(pull.TryReceiveMultipartMessage(ref m));
        Assert.False(pull.TrySkipFrame());

        // A PUSH with no peer (nothing bound or connected) cannot send without blocking.
        using var lonely = new PushSocket();
        Assert.False(lonely.TrySendFrame("nobody"));
        Assert.False(lonely.TrySendFrame(TimeSpan.FromMilliseconds(1), "nobody"));
        Assert.False(lonely.HasOut);
    }

    [Fact]
    public void PubSub_SubscribeAndUnsubscribe()
    {
        string a = Inproc();
        using var pub = new PublisherSocket(a);
        using var sub = new SubscriberSocket(a);
        sub.Subscribe("A");
        // Subscriptions travel asynchronously: publish until the first one arrives.
        string? got = null;
        for (int i = 0; i < 1000 && got is null; i++)
        {
            pub.SendMoreFrame("A").SendFrame("hello");
            sub.TryReceiveFrameString(TimeSpan.FromMilliseconds(10), out got);
        }
        Assert.Equal("A", got);
        Assert.Equal("hello", sub.ReceiveFrameString());
        pub.SendMoreFrame("B").SendFrame("nope");
        pub.SendMoreFrame("A").SendFrame("again");
        // Drain whatever of the probing loop is still queued, then expect only A topics.
        while (sub.TryReceiveFrameString(TimeSpan.FromMilliseconds(50), out string? topic))
        {
            Assert.Equal("A", topic);
            sub.SkipFrame();
        }
        Assert.Throws<NotSupportedException>(() => sub.SendFrame("x"));
        Assert.Throws<NotSupportedException>(() => pub.ReceiveFrameString());
    }

    [Fact]
    public void XPubXSub_SeeSubscriptions()
    {
        string a = Inproc();
        using var xpub = new XPublisherSocket(a);
        using var xsub = new XSubscriberSocket(a);
        xsub.Subscribe("topic");
        Assert.True(xpub.TryReceiveFrameBytes(Wait, out byte[]? sub));
        Assert.Equal(1, sub![0]);
        Assert.Equal("topic", Encoding.UTF8.GetString(sub, 1, sub.Length - 1));
        xpub.SendFrame("topic!");
        Assert.True(xsub.TryReceiveFrameString(Wait, out string? s));
        Assert.Equal("topic!", s);
    }

    [Fact]
    public void Router_Identity_RoutesReplies()
    {
        string a = Inproc();
        using var router = new RouterSocket(a);
        using var dealer = new DealerSocket();
        dealer.Options.Identity = Encoding.ASCII.GetBytes("me");
        Assert.Equal("me", Encoding.ASCII.GetString(dealer.Options.Identity!));
        dealer.Connect(a);
        dealer.SendFrame("ping");
        NetMQMessage m = router.ReceiveMultipartMessage();
        Assert.Equal("me", m[0].ConvertToString());
        Assert.Equal("ping", m[1].ConvertToString());
        router.SendMoreFrame(m[0].ToByteArray()).SendFrame("pong");
        Assert.True(dealer.TryReceiveFrameString(Wait, out string? reply));
        Assert.Equal("pong", reply);
    }

    [Fact]
    public void Options_RoundTrip()
    {
        using var s = new DealerSocket();
        Assert.Equal(TimeSpan.Zero, s.Options.Linger); // NetMQConfig.Linger default
        s.Options.Linger = TimeSpan.FromMilliseconds(250);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.Options.Linger);
        s.Options.SendHighWatermark = 123;
        s.Options.ReceiveHighWatermark = 456;
        Assert.Equal(123, s.Options.SendHighWatermark);
        Assert.Equal(456, s.Options.ReceiveHighWatermark);
        s.Options.ReconnectInterval = TimeSpan.FromMilliseconds(50);
        Assert.Equal(TimeSpan.FromMilliseconds(50), s.Options.ReconnectInterval);
        s.Options.MaxMsgSize = 1 << 20;
        Assert.Equal(1 << 20, s.Options.MaxMsgSize);
        s.Options.Backlog = 7;
        Assert.Equal(7, s.Options.Backlog);
        Assert.Null(s.Options.Identity);
        s.Bind("tcp://127.0.0.1:*");
        Assert.StartsWith("tcp://127.0.0.1:", s.Options.LastEndpoint);
        Assert.False(s.Options.ReceiveMore);
    }

    [Fact]
    public void Errors_MapToNetMQExceptions()
    {
        string a = Inproc();
        using var one = new PullSocket(a);
        Assert.Throws<AddressAlreadyInUseException>(() => new PullSocket(a));
        using var req = new RequestSocket();
        req.Connect(Inproc());
        Assert.Throws<FiniteStateMachineException>(() => req.ReceiveFrameString());
        Assert.ThrowsAny<NetMQException>(() => one.Bind("bogus://x"));
    }

    [Fact]
    public void UnbindDisconnect_AndDispose()
    {
        string a = Inproc();
        var pull = new PullSocket(a);
        pull.Unbind(a);
        pull.Bind(a);
        var push = new PushSocket(a);
        push.Disconnect(a);
        Assert.False(push.IsDisposed);
        push.Dispose();
        pull.Close();
        Assert.True(push.IsDisposed);
        Assert.True(pull.IsDisposed);
        push.Dispose(); // twice is fine
    }

    [Fact]
    public void Msg_Struct_SendAndReceive()
    {
        string a = Inproc();
        using var pull = new PullSocket(a);
        using var push = new PushSocket(a);
        var msg = new Msg();
        msg.InitPool(100);
        for (int i = 0; i < 100; i++) msg.Put((byte)i, i);
        push.Send(ref msg, false);
        Assert.True(msg.IsInitialised);
        Assert.Equal(0, msg.Size);
        msg.Close();

        var rcv = new Msg();
        rcv.InitEmpty();
        pull.Receive(ref rcv);
        Assert.Equal(100, rcv.Size);
        Assert.False(rcv.HasMore);
        Assert.Equal(42, rcv[42]);
        Assert.Equal(99, rcv.Slice()[99]);
        Assert.Equal(42, rcv.Data![rcv.Offset + 42]);
        rcv.Close();
        Assert.False(rcv.IsInitialised);

        var small = new Msg();
        small.InitGC(Encoding.ASCII.GetBytes("hi there"), 2, 6);
        Assert.True(push.TrySend(ref small, TimeSpan.Zero, true));
        push.SendFrame("end");
        rcv.InitEmpty();
        Assert.True(pull.TryReceive(ref rcv, Wait));
        Assert.Equal(" there", rcv.GetString(Encoding.ASCII));
        Assert.True(rcv.HasMore);
        rcv.Close();
        Assert.Equal("end", pull.ReceiveFrameString());
    }

    [Fact]
    public void Msg_Received_CanBeSentOn_SmallAndLarge()
    {
        string a = Inproc(), b = Inproc();
        using var pull1 = new PullSocket(a);
        using var push1 = new PushSocket(a);
        using var pull2 = new PullSocket(b);
        using var push2 = new PushSocket(b);
        foreach (int size in new[] { 5, 32, 33, 5000 })
        {
            var payload = new byte[size];
            for (int i = 0; i < size; i++) payload[i] = (byte)(i * 7);
            push1.SendFrame(payload);
            var msg = new Msg();
            msg.InitEmpty();
            pull1.Receive(ref msg);
            push2.Send(ref msg, false); // forward the received frame as it is
            msg.Close();
            Assert.Equal(payload, pull2.ReceiveFrameBytes());
        }
    }

    [Fact]
    public void Frames_AndMessages_BehaveAsNetMQ()
    {
        var f = new NetMQFrame("abc");
        Assert.Equal(3, f.MessageSize);
        Assert.Equal(new NetMQFrame("abc"), f);
        Assert.True(f == new NetMQFrame(Encoding.UTF8.GetBytes("abc")));
        NetMQFrame d = f.Duplicate();
        Assert.NotSame(f.Buffer, d.Buffer);
        Assert.True(NetMQFrame.Empty.IsEmpty);
        var m = new NetMQMessage(new[] { new NetMQFrame("b") });
        m.Push("a");
        m.Append(7L);
        m.PushEmptyFrame();
        Assert.Equal(4, m.FrameCount);
        Assert.True(m.Pop().IsEmpty);
        Assert.Equal("a", m.First.ConvertToString());
        Assert.Equal(7L, m.Last.ConvertToInt64());
        Assert.True(m.RemoveFrame(m.Last));
        Assert.Equal(2, m.FrameCount);
        Assert.Equal(new[] { "a", "b" }, m.Select(x => x.ConvertToString()));
        Assert.Equal("NetMQMessage[a,b]", m.ToString()); // as NetMQ prints it
    }

    [Fact]
    public void PairSocket_CreateSocketPair_AndSignals()
    {
        PairSocket.CreateSocketPair(out PairSocket a, out PairSocket b);
        using (a)
        using (b)
        {
            a.SendFrame("hi");
            Assert.Equal("hi", b.ReceiveFrameString());
            // NetMQ's signal frame: 0x7766554433221100 + status, in network byte order.
            b.SignalOK();
            Assert.Equal(new byte[] { 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00 }, a.ReceiveFrameBytes());
            b.SendFrame("noise"); // skipped by ReceiveSignal
            b.SignalOK();
            Assert.True(a.ReceiveSignal());
            b.SignalError();
            Assert.True(a.TryReceiveSignal(Wait, out bool ok));
            Assert.False(ok);
        }
    }

    [Fact]
    public void StreamSocket_TalksRawTcp_BothWays_AsNetMQ()
    {
        // Bound: a plain TCP client's bytes arrive as [identity][data]; NetMQ 4 sends no
        // connect notification, so the first message is the data.
        using var server = new StreamSocket();
        int port = server.BindRandomPort("tcp://127.0.0.1");
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect("127.0.0.1", port);
        System.Net.Sockets.NetworkStream wire = client.GetStream();
        wire.ReadTimeout = (int)Wait.TotalMilliseconds;
        wire.Write("hello"u8);
        var text = new StringBuilder();
        byte[]? identity = null;
        while (text.Length < 5) // each read's bytes are one message: gather them
        {
            NetMQMessage? request = null;
            Assert.True(server.TryReceiveMultipartMessage(Wait, ref request));
            Assert.Equal(2, request!.FrameCount);
            identity ??= request[0].ToByteArray();
            Assert.Equal(identity, request[0].ToByteArray());
            text.Append(request[1].ConvertToString());
        }
        Assert.Equal("hello", text.ToString());
        server.SendMoreFrame(identity!).SendFrame("world");
        Assert.Equal("world", ReadText(wire, 5));
        server.SendMoreFrame(identity!).SendFrameEmpty(); // closes the connection
        Assert.Equal(0, wire.Read(new byte[1]));
        Assert.Throws<HostUnreachableException>(() => server.SendMoreFrame(identity!).SendFrame("late"));

        // Connecting ("tcp://..." without prefix connects): the identity is learnt from the first data.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            using var dialer = new StreamSocket($"tcp://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}");
            Task<System.Net.Sockets.TcpClient> accept = listener.AcceptTcpClientAsync();
            Assert.True(accept.Wait(Wait));
            using System.Net.Sockets.TcpClient accepted = accept.Result;
            System.Net.Sockets.NetworkStream other = accepted.GetStream();
            other.ReadTimeout = (int)Wait.TotalMilliseconds;
            other.Write("x"u8);
            Assert.True(dialer.TryReceiveFrameBytes(Wait, out byte[]? id, out bool more));
            Assert.True(more);
            Assert.Equal("x", dialer.ReceiveFrameString());
            dialer.SendMoreFrame(id!).SendFrame("y");
            Assert.Equal("y", ReadText(other, 1));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string ReadText(System.Net.Sockets.NetworkStream wire, int length)
    {
        var data = new byte[length];
        int at = 0;
        while (at < length)
        {
            int n = wire.Read(data, at, length - at);
            Assert.True(n > 0, "the connection ended early");
            at += n;
        }
        return Encoding.UTF8.GetString(data);
    }
}
