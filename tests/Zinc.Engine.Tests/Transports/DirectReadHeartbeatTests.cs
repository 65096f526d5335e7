using Zinc.Tests.Interop;

namespace Zinc.Tests.Transports;

/// <summary>
/// Direct read and ZMTP 3.1 heartbeats: a PING or PONG reaching a connection lent to a blocked
/// receive is handed back to the IO loop, which answers it and counts it as traffic; so a link
/// whose receiver sits in Receive through a long silence is never dropped. Zinc to Zinc, and
/// with libzmq (python3-zmq) pinging Zinc or answering Zinc's pings.
/// </summary>
public class DirectReadHeartbeatTests
{
    private const int SilenceMs = 1000; // twenty heartbeat intervals, three timeouts
    private const int LongWaitMs = 2 * TestSupport.TimeoutMs;
    private static readonly string[] HeartbeatOptions = ["HEARTBEAT_IVL=50", "HEARTBEAT_TIMEOUT=300", "HEARTBEAT_TTL=500"];

    // Who sits in Receive through the silence: in 25 ms receives (each asks for the lease again),
    // or in one receive of the whole silence ("-once": after the first PING hands the connection
    // back, the rest of that receive waits on the loop).
    public static TheoryData<IoBackend, string, string> Blocked =>
        DirectRead.Crossed("pinger", "answerer", "both", "pinger-once", "answerer-once");

    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    private static void AssertNoDisconnect(MonitorReader events, string who)
    {
        List<MonitorEvent> seen = events.DrainNow();
        Assert.True(seen.All(e => e.Event != SocketEvents.Disconnected),
            $"the {who}'s link dropped: {string.Join(", ", seen.Select(e => $"{e.Event}({e.Value})"))}");
    }

    private static void Exchange(Socket pinger, Socket answerer, string request, string reply)
    {
        pinger.SendString(request);
        Assert.Equal(request, answerer.RecvString());
        answerer.SendString(reply);
        Assert.Equal(reply, pinger.RecvString());
    }

    // No disconnect on either side, a round trip, and still none.
    private static void AssertStillLinked(Socket pinger, Socket answerer, MonitorReader pingerEvents, MonitorReader answererEvents)
    {
        AssertNoDisconnect(pingerEvents, "pinger");
        AssertNoDisconnect(answererEvents, "answerer");
        Exchange(pinger, answerer, "after", "back");
        AssertNoDisconnect(pingerEvents, "pinger");
        AssertNoDisconnect(answererEvents, "answerer");
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public void Heartbeats_keep_a_link_whose_receiver_sits_in_a_blocking_receive(IoBackend backend, string transport, string blocked)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket answerer = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        using Socket pinger = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        foreach (string option in HeartbeatOptions) Interop.Interop.Apply(pinger, option);
        using var answererEvents = new MonitorReader(ctx, answerer, SocketEvents.Disconnected);
        using var pingerEvents = new MonitorReader(ctx, pinger, SocketEvents.Disconnected);
        answerer.Bind(StreamTestSupport.BindEndpoint(transport));
        pinger.Connect(answerer.LastEndpoint);
        Exchange(pinger, answerer, "hello", "hi");

        // The silence: the chosen side(s) sit in blocking receives, which borrow the connection
        // again and again; the PINGs (and PONGs) arriving meanwhile must still be dealt with.
        Task? pingerSilence = null;
        if (blocked == "both")
        {
            pingerSilence = TestSupport.RunBounded(() =>
            {
                DirectRead.EnsureLent(pinger);
                DirectRead.SitInReceive(pinger, SilenceMs);
            });
        }
        Socket sitter = blocked.StartsWith("pinger", StringComparison.Ordinal) ? pinger : answerer;
        DirectRead.EnsureLent(sitter);
        DirectRead.SitInReceive(sitter, SilenceMs, sliceMs: blocked.EndsWith("-once", StringComparison.Ordinal) ? SilenceMs : 25);
        pingerSilence?.WaitBounded("the pinger's silence");

        AssertStillLinked(pinger, answerer, pingerEvents, answererEvents);
    }

    // A receiver that stops reading between two receives (busy elsewhere, or stalled in a GC or
    // a JIT compile) leaves its lent connection unread: the loop must take it back soon enough
    // to answer the PINGs and see the PONGs within a heartbeat timeout shorter than the usual
    // lease (ZmtpEngine.LeaseMs). The stall is a sleep: it stands for the application's work.
    private const int ShortIvlMs = 10, ShortTimeoutMs = 45, StallMs = 400;

    // "both": both sides set the short heartbeat; "pinger": only the pinger does, and the
    // answerer learns the pace from the PINGs it reads.
    public static TheoryData<IoBackend, string, string> Configured => DirectRead.Crossed("both", "pinger");

    [Theory]
    [MemberData(nameof(Configured))]
    public void A_lent_connection_whose_receiver_stops_reading_still_meets_a_short_heartbeat_timeout(IoBackend backend, string transport, string configured)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket answerer = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        using Socket pinger = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        foreach (Socket s in configured == "both" ? new[] { pinger, answerer } : new[] { pinger })
        {
            s.SetOption(SocketOption.HeartbeatIvl, ShortIvlMs);
            s.SetOption(SocketOption.HeartbeatTimeout, ShortTimeoutMs);
        }
        using var answererEvents = new MonitorReader(ctx, answerer, SocketEvents.Disconnected);
        using var pingerEvents = new MonitorReader(ctx, pinger, SocketEvents.Disconnected);
        answerer.Bind(StreamTestSupport.BindEndpoint(transport));
        pinger.Connect(answerer.LastEndpoint);
        Exchange(pinger, answerer, "hello", "hi");

        // The answerer reads PINGs for a while, then both connections are lent to this thread.
        DirectRead.SitInReceive(answerer, 100);
        DirectRead.EnsureLent(answerer);
        DirectRead.EnsureLent(pinger);
        Thread.Sleep(StallMs);

        AssertStillLinked(pinger, answerer, pingerEvents, answererEvents);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_libzmq_peer_pinging_a_zinc_socket_blocked_in_receive_keeps_the_link(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        using var events = new MonitorReader(ctx, zinc, SocketEvents.Disconnected);
        zinc.Bind(StreamTestSupport.BindEndpoint(transport));
        using LibzmqPeer lib = LibzmqPeer.Connect("DEALER", zinc.LastEndpoint, [.. HeartbeatOptions, "MONITOR=1"]);
        lib.Send(Interop.Interop.B("hello"));
        Assert.Equal("hello", zinc.RecvString());
        zinc.SendString("hi");
        Assert.Equal(new[] { "hi" }, lib.RecvStrings());

        // libzmq pings every 50 ms with a TTL: Zinc, blocked in receives on the lent connection,
        // must answer each PING and count the pings as traffic. Short receives, then one long one.
        DirectRead.EnsureLent(zinc);
        DirectRead.SitInReceive(zinc, SilenceMs / 2);
        DirectRead.SitInReceive(zinc, SilenceMs / 2, sliceMs: SilenceMs / 2);

        Assert.False(lib.WaitEvent("DISCONNECTED", 100), "libzmq dropped the link: Zinc did not answer its PINGs while blocked in Receive");
        AssertNoDisconnect(events, "Zinc socket");
        lib.Send(Interop.Interop.B("after"));
        Assert.Equal("after", zinc.RecvString());
        zinc.SendString("back");
        Assert.Equal(new[] { "back" }, lib.RecvStrings());
        DirectRead.DeleteIpcFile(zinc.LastEndpoint);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void A_zinc_socket_pinging_libzmq_from_a_blocking_receive_keeps_the_link(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using LibzmqPeer lib = LibzmqPeer.Bind("DEALER", Interop.Interop.BindEndpoint(transport), "MONITOR=1");
        using Socket zinc = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        foreach (string option in HeartbeatOptions) Interop.Interop.Apply(zinc, option);
        using var events = new MonitorReader(ctx, zinc, SocketEvents.Disconnected);
        zinc.Connect(lib.Endpoint);
        zinc.SendString("hello");
        Assert.Equal(new[] { "hello" }, lib.RecvStrings());
        lib.Send(Interop.Interop.B("hi"));
        Assert.Equal("hi", zinc.RecvString());

        // Zinc pings; libzmq's PONGs reach the connection while it is lent to the blocked receive.
        DirectRead.EnsureLent(zinc);
        DirectRead.SitInReceive(zinc, SilenceMs / 2);
        DirectRead.SitInReceive(zinc, SilenceMs / 2, sliceMs: SilenceMs / 2);

        AssertNoDisconnect(events, "Zinc socket");
        Assert.False(lib.WaitEvent("DISCONNECTED", 100), "the link to libzmq dropped while Zinc pinged from a blocked receive");
        lib.Send(Interop.Interop.B("after"));
        Assert.Equal("after", zinc.RecvString());
        zinc.SendString("back");
        Assert.Equal(new[] { "back" }, lib.RecvStrings());
    }
}
