using System.Text;
using Zinc.Tests.Interop;

namespace Zinc.Tests.Transports;

/// <summary>
/// Direct read against a hand-written ZMTP peer: bad input arriving while the connection is lent
/// (the receiving thread hands it back, the loop closes it and reports it, the socket serves on),
/// and commands mixed into the data stream (handed back, answered, the stream goes on in order).
/// </summary>
public class DirectReadRawPeerTests
{
    private const int MaxMsgSize = 1024;
    private const int LongWaitMs = 2 * TestSupport.TimeoutMs;

    private static readonly byte[] Identity = "raw-peer"u8.ToArray();

    // What the raw peer writes once the connection is lent, and what the blocked receive must get
    // from it before the connection ends (null: nothing).
    private static readonly Dictionary<string, (byte[] Bytes, string? Delivered)> Garbage = new()
    {
        ["reserved-flag-bits"] = ([0x10, 0x01, (byte)'x'], null),
        ["oversized-frame"] = (RawZmtpPeer.Frame(new byte[MaxMsgSize + 1]), null),
        ["unknown-command"] = (RawZmtpPeer.Command("BOGUS", [1, 2, 3]), null),
        // A whole message, then a bad frame in the same write: the message still counts.
        ["message-then-bad-frame"] = ([.. RawZmtpPeer.Message("second"u8.ToArray()), .. RawZmtpPeer.Frame(new byte[MaxMsgSize + 1])], "second"),
    };

    // A multipart message gathered on a lent connection must reach the application whole or
    // not at all (fixed: PumpLocked and RetryInbound once wrote a message still being gathered
    // as if it were one held back for credit).

    public static TheoryData<IoBackend, string, string, SocketType> BadInputCases()
    {
        var data = new TheoryData<IoBackend, string, string, SocketType>();
        foreach ((IoBackend backend, string transport) in new[] { (IoBackend.Epoll, "tcp"), (IoBackend.Epoll, "ipc"), (IoBackend.IoUring, "tcp"), (IoBackend.IoUring, "ipc") })
        {
            foreach (string name in Garbage.Keys)
            {
                data.Add(backend, transport, name, SocketType.Dealer);
                data.Add(backend, transport, name, SocketType.Router);
            }
        }
        return data;
    }

    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    // A message as the Zinc socket hands it up, routing id first for a ROUTER; as text.
    private static string[] Received(List<byte[]> frames) => frames.Select(f => Encoding.UTF8.GetString(f)).ToArray();

    private static string[] Expected(SocketType type, string identity, string body) =>
        type == SocketType.Router ? [identity, body] : [body];

    [Theory]
    [MemberData(nameof(BadInputCases))]
    public void Bad_input_on_a_lent_connection_closes_only_that_connection(IoBackend backend, string transport, string name, SocketType type)
    {
        (byte[] bytes, string? delivered) = Garbage[name];
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(type, LongWaitMs);
        zinc.SetOption(SocketOption.MaxMsgSize, MaxMsgSize);
        using var events = new MonitorReader(ctx, zinc, SocketEvents.Disconnected);
        zinc.Bind(StreamTestSupport.BindEndpoint(transport));

        using RawPeer raw = RawPeer.Connect(zinc.LastEndpoint);
        DirectRead.Handshake(raw, "DEALER", Identity);
        raw.Write(RawZmtpPeer.Message("first"u8.ToArray()));
        Assert.Equal(Expected(type, "raw-peer", "first"), Received(zinc.ReceiveMultipart()));
        DirectRead.EnsureLent(zinc);

        // The receive blocks on the lent connection; the bad input arrives while it does.
        Task<List<List<byte[]>>> blocked = Task.Factory.StartNew(() =>
        {
            var messages = new List<List<byte[]>> { zinc.ReceiveMultipart() };
            if (delivered is not null) messages.Add(zinc.ReceiveMultipart());
            return messages;
        }, TaskCreationOptions.LongRunning);
        raw.Write(bytes);
        Assert.True(raw.ReadsEndOfStream(), $"Zinc kept the connection open after {name}");
        events.WaitFor(SocketEvents.Disconnected);

        // Another peer is served, by the same blocked receive.
        using Socket other = ctx.CreateStream(SocketType.Dealer);
        other.SetOption(SocketOption.RoutingId, "other");
        other.Connect(zinc.LastEndpoint);
        other.SendString("still serving");
        Assert.True(blocked.Wait(LongWaitMs), $"the blocked receive got nothing after {name}");
        List<List<byte[]>> got = blocked.Result;
        if (delivered is not null) Assert.Equal(Expected(type, "raw-peer", delivered), Received(got[0]));
        Assert.Equal(Expected(type, "other", "still serving"), Received(got[^1]));
        Assert.Null(zinc.TryRecvString());
    }

    public static TheoryData<IoBackend, string, SocketType> DealerAndRouter()
    {
        var data = new TheoryData<IoBackend, string, SocketType>();
        foreach ((IoBackend backend, string transport) in new[] { (IoBackend.Epoll, "tcp"), (IoBackend.Epoll, "ipc"), (IoBackend.IoUring, "tcp"), (IoBackend.IoUring, "ipc") })
        {
            data.Add(backend, transport, SocketType.Dealer);
            data.Add(backend, transport, SocketType.Router);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DealerAndRouter))]
    public void A_peer_hanging_up_mid_message_on_a_lent_connection_delivers_no_half_message(IoBackend backend, string transport, SocketType type)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(type, LongWaitMs);
        using var events = new MonitorReader(ctx, zinc, SocketEvents.Disconnected);
        zinc.Bind(StreamTestSupport.BindEndpoint(transport));
        using RawPeer raw = RawPeer.Connect(zinc.LastEndpoint);
        DirectRead.Handshake(raw, "DEALER", Identity);
        raw.Write(RawZmtpPeer.Message("first"u8.ToArray()));
        Assert.Equal(Expected(type, "raw-peer", "first"), Received(zinc.ReceiveMultipart()));
        DirectRead.EnsureLent(zinc);

        Task<List<byte[]>> blocked = Task.Factory.StartNew(zinc.ReceiveMultipart, TaskCreationOptions.LongRunning);
        raw.Write(RawZmtpPeer.Frame("half"u8, RawZmtpPeer.MoreFlag));
        raw.ShutdownSend(); // libzmq rolls such a message back: it never reaches the application
        Assert.True(raw.ReadsEndOfStream(), "Zinc kept the connection open after end of stream");
        events.WaitFor(SocketEvents.Disconnected);

        using Socket other = ctx.CreateStream(SocketType.Dealer);
        other.SetOption(SocketOption.RoutingId, "other");
        other.Connect(zinc.LastEndpoint);
        other.SendString("still serving");
        Assert.True(blocked.Wait(LongWaitMs), "the blocked receive got nothing");
        Assert.Equal(Expected(type, "other", "still serving"), Received(blocked.Result));
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_multipart_message_split_across_reads_is_delivered_only_when_whole(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(SocketType.Dealer);
        zinc.Bind(StreamTestSupport.BindEndpoint(transport));
        using RawPeer raw = RawPeer.Connect(zinc.LastEndpoint);
        DirectRead.Handshake(raw, "DEALER");
        raw.Write(RawZmtpPeer.Message("first"u8.ToArray()));
        Assert.Equal("first", zinc.RecvString());
        DirectRead.EnsureLent(zinc);

        raw.Write(RawZmtpPeer.Frame("head"u8, RawZmtpPeer.MoreFlag));
        // Half a message is nothing to receive yet: this receive pumps the lent connection many times and must time out.
        zinc.SetOption(SocketOption.RcvTimeo, 200);
        Assert.False(zinc.TryReceiveBytes(out byte[] early), $"received '{Encoding.UTF8.GetString(early)}' (more: {zinc.HasMore}) before its message was whole");
        zinc.SetOption(SocketOption.RcvTimeo, TestSupport.TimeoutMs);
        raw.Write(RawZmtpPeer.Frame("tail"u8));
        Assert.Equal(new[] { "head", "tail" }, zinc.RecvFrames());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Commands_between_messages_on_a_lent_connection_are_answered_and_the_stream_goes_on(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(SocketType.Dealer);
        using var events = new MonitorReader(ctx, zinc, SocketEvents.Disconnected);
        zinc.Bind(StreamTestSupport.BindEndpoint(transport));
        using RawPeer raw = RawPeer.Connect(zinc.LastEndpoint);
        DirectRead.Handshake(raw, "DEALER", minor: 1); // 3.1: PING and SUBSCRIBE commands exist
        raw.Write(RawZmtpPeer.Message("first"u8.ToArray()));
        Assert.Equal("first", zinc.RecvString());

        const int rounds = 50;
        for (int round = 0; round < rounds; round++)
        {
            DirectRead.EnsureLent(zinc);
            byte[] context = Encoding.ASCII.GetBytes($"ctx-{round}");
            // Data, a PING (TTL 0, a context), a SUBSCRIBE a DEALER ignores, data: one write, so the
            // receiving thread meets the commands in the middle of what it read.
            raw.Write([
                .. RawZmtpPeer.Message(Encoding.ASCII.GetBytes($"a-{round}")),
                .. RawZmtpPeer.Command("PING", [0, 0, .. context]),
                .. RawZmtpPeer.Command("SUBSCRIBE", "topic"u8),
                .. RawZmtpPeer.Message(Encoding.ASCII.GetBytes($"b-{round}"), "tail"u8.ToArray()),
            ]);
            Assert.Equal($"a-{round}", zinc.RecvString());
            Assert.Equal(new[] { $"b-{round}", "tail" }, zinc.RecvFrames());
            (byte flags, byte[] body) = DirectRead.ReadFrame(raw);
            Assert.True((flags & RawZmtpPeer.CommandFlag) != 0, $"round {round}: expected PONG, got a frame with flags {flags:X2}");
            Assert.Equal("PONG", DirectRead.CommandName(body));
            Assert.Equal(context, body[(1 + body[0])..]);
        }
        Assert.Empty(events.DrainNow());

        // The link still carries messages both ways.
        zinc.SendString("reply");
        Assert.Equal(new byte[][] { "reply"u8.ToArray() }, ReadMessage(raw));
    }

    private static byte[][] ReadMessage(RawPeer raw)
    {
        var frames = new List<byte[]>();
        while (true)
        {
            (byte flags, byte[] body) = DirectRead.ReadFrame(raw);
            if ((flags & RawZmtpPeer.CommandFlag) != 0) continue;
            frames.Add(body);
            if ((flags & RawZmtpPeer.MoreFlag) == 0) return frames.ToArray();
        }
    }
}
