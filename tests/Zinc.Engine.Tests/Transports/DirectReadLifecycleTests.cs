using System.Diagnostics;

namespace Zinc.Tests.Transports;

/// <summary>
/// Direct read, the life of a lent connection: the peer leaving while a receive is blocked on it
/// (closed socket or terminated context; bound and connecting receivers), the lease running out
/// with nobody receiving, and the receiver's own socket or context ending while lent.
/// </summary>
public class DirectReadLifecycleTests
{
    private const int LongWaitMs = 2 * TestSupport.TimeoutMs;

    public static TheoryData<IoBackend, string, string> PeerLeaves =>
        DirectRead.Crossed("bound-close", "bound-terminate", "connected-close", "connected-terminate");

    public static TheoryData<IoBackend, string, bool> LeaseCases => DirectRead.Crossed(false, true);

    public static TheoryData<IoBackend, string> BackendsAndTransports => StreamTestSupport.BackendsAndTransports;

    // A peer in a context of its own, so "its context terminates" can be tested as such.
    private sealed class Peer : IDisposable
    {
        public Peer(IoBackend backend, SocketType type)
        {
            Context = StreamTestSupport.NewContext(backend);
            Socket = Context.CreateStream(type);
        }

        public Context Context { get; }

        public Socket Socket { get; }

        /// <summary>Ends the peer: closes its socket (LINGER 0), or terminates its context while a receive is blocked in it.</summary>
        public void Leave(bool terminate)
        {
            if (!terminate)
            {
                Socket.Dispose();
                return;
            }
            Task blocked = TestSupport.RunBounded(() =>
            {
                ZmqError error = TestSupport.ErrorOf(() => Socket.ReceiveBytes());
                Socket.Dispose();
                Assert.Equal(ZmqError.ETERM, error);
            });
            TestSupport.RunBounded(Context.Terminate).WaitBounded("the peer's Context.Terminate");
            blocked.WaitBounded("the peer's blocked receive");
        }

        public void Dispose()
        {
            Socket.Dispose();
            Context.Dispose();
        }
    }

    // The old listener goes away on its IO thread: the endpoint may be busy for a moment.
    private static void BindRetrying(Socket socket, string endpoint)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                socket.Bind(endpoint);
                return;
            }
            catch (ZmqException e) when (e.Error == ZmqError.EADDRINUSE && clock.ElapsedMilliseconds < TestSupport.TimeoutMs)
            {
                Thread.Sleep(10);
            }
        }
    }

    [Theory]
    [MemberData(nameof(PeerLeaves))]
    public void A_blocked_receive_sees_the_peer_leave_and_gets_the_next_peers_message(IoBackend backend, string transport, string how)
    {
        bool receiverBinds = how.StartsWith("bound", StringComparison.Ordinal);
        bool terminate = how.EndsWith("terminate", StringComparison.Ordinal);
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer, LongWaitMs);
        dealer.SetOption(SocketOption.ReconnectIvl, 20);
        using var events = new MonitorReader(ctx, dealer, SocketEvents.Disconnected);

        var first = new Peer(backend, SocketType.Dealer);
        string endpoint;
        Task<string> blocked;
        try
        {
            if (receiverBinds)
            {
                dealer.Bind(StreamTestSupport.BindEndpoint(transport));
                endpoint = dealer.LastEndpoint;
                first.Socket.Connect(endpoint);
            }
            else
            {
                first.Socket.Bind(StreamTestSupport.BindEndpoint(transport));
                endpoint = first.Socket.LastEndpoint;
                dealer.Connect(endpoint);
            }
            first.Socket.SendString("hello");
            Assert.Equal("hello", dealer.RecvString());
            DirectRead.EnsureLent(dealer);

            // One receive, blocked on the lent connection from before the peer leaves until the next peer's message.
            blocked = Task.Factory.StartNew(() => dealer.RecvString(), TaskCreationOptions.LongRunning);
            first.Leave(terminate);
            events.WaitFor(SocketEvents.Disconnected);
        }
        finally
        {
            first.Dispose();
        }

        using var second = new Peer(backend, SocketType.Dealer);
        if (receiverBinds) second.Socket.Connect(endpoint);
        else BindRetrying(second.Socket, endpoint); // the receiver reconnects to it
        second.Socket.SendString("after"); // a DEALER's send waits for a peer: bounded by SNDTIMEO
        Assert.True(blocked.Wait(LongWaitMs), "the blocked receive never got the new peer's message");
        Assert.Equal("after", blocked.Result);
        Assert.Null(dealer.TryRecvString());

        // And the new link works both ways.
        dealer.SendString("back");
        Assert.Equal("back", second.Socket.RecvString());
        if (!receiverBinds) DirectRead.DeleteIpcFile(endpoint);
    }

    [Theory]
    [MemberData(nameof(LeaseCases))]
    public void A_lent_connection_nobody_receives_on_still_reports_the_peer_leaving(IoBackend backend, string transport, bool leaseRunsOutFirst)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        using var events = new MonitorReader(ctx, dealer, SocketEvents.Disconnected);
        dealer.Bind(StreamTestSupport.BindEndpoint(transport));
        using (Socket peer = ctx.CreateStream(SocketType.Dealer))
        {
            peer.Connect(dealer.LastEndpoint);
            peer.SendString("hello");
            Assert.Equal("hello", dealer.RecvString());
            DirectRead.EnsureLent(dealer);
            // From here on nobody calls the receiver: only the lease running out gives the connection back.
            if (leaseRunsOutFirst) Thread.Sleep(DirectRead.LeaseMs * 4);
        } // LINGER 0: the connection drops now

        events.WaitFor(SocketEvents.Disconnected);

        // The socket goes on serving new peers.
        using Socket next = ctx.CreateStream(SocketType.Dealer);
        next.Connect(dealer.LastEndpoint);
        next.SendString("next");
        Assert.Equal("next", dealer.RecvString());
    }

    [Theory]
    [MemberData(nameof(LeaseCases))]
    public void A_connecting_socket_nobody_receives_on_reconnects_after_its_lent_connection_drops(IoBackend backend, string transport, bool leaseRunsOutFirst)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        dealer.SetOption(SocketOption.ReconnectIvl, 20);
        using var events = new MonitorReader(ctx, dealer, SocketEvents.Disconnected | SocketEvents.Connected);
        string endpoint;
        using (var first = new Peer(backend, SocketType.Dealer))
        {
            first.Socket.Bind(StreamTestSupport.BindEndpoint(transport));
            endpoint = first.Socket.LastEndpoint;
            dealer.Connect(endpoint);
            first.Socket.SendString("hello");
            Assert.Equal("hello", dealer.RecvString());
            DirectRead.EnsureLent(dealer);
            if (leaseRunsOutFirst) Thread.Sleep(DirectRead.LeaseMs * 4);
        }
        events.WaitFor(SocketEvents.Disconnected);

        using var second = new Peer(backend, SocketType.Dealer);
        BindRetrying(second.Socket, endpoint);
        // Nobody receives on the dealer while it reconnects: the reconnect alone must happen.
        events.WaitFor(SocketEvents.Connected);
        second.Socket.SendString("after");
        Assert.Equal("after", dealer.RecvString());
        DirectRead.DeleteIpcFile(endpoint);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Closing_a_socket_whose_connection_is_lent_ends_the_link_and_the_context(IoBackend backend, string transport)
    {
        using var peer = new Peer(backend, SocketType.Dealer);
        using var peerEvents = new MonitorReader(peer.Context, peer.Socket, SocketEvents.Disconnected);
        peer.Socket.Bind(StreamTestSupport.BindEndpoint(transport));

        Context ctx = StreamTestSupport.NewContext(backend);
        Socket dealer = ctx.CreateStream(SocketType.Dealer);
        dealer.Connect(peer.Socket.LastEndpoint);
        peer.Socket.SendString("hello");
        Assert.Equal("hello", dealer.RecvString());
        DirectRead.EnsureLent(dealer);
        dealer.Dispose();
        TestSupport.RunBounded(ctx.Terminate).WaitBounded("Context.Terminate after closing a socket with a lent connection");
        peerEvents.WaitFor(SocketEvents.Disconnected);
        DirectRead.DeleteIpcFile(peer.Socket.LastEndpoint);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports))]
    public void Terminating_the_context_ends_a_receive_blocked_on_a_lent_connection(IoBackend backend, string transport)
    {
        using var peer = new Peer(backend, SocketType.Dealer);
        peer.Socket.Bind(StreamTestSupport.BindEndpoint(transport));

        Context ctx = StreamTestSupport.NewContext(backend);
        Socket dealer = ctx.CreateStream(SocketType.Dealer, LongWaitMs * 3); // only ETERM may end this receive in time
        dealer.Connect(peer.Socket.LastEndpoint);
        peer.Socket.SendString("hello");
        Assert.Equal("hello", dealer.RecvString());
        DirectRead.EnsureLent(dealer);

        Task<ZmqError> blocked = Task.Factory.StartNew(() =>
        {
            ZmqError error = TestSupport.ErrorOf(() => dealer.ReceiveBytes());
            dealer.Dispose();
            return error;
        }, TaskCreationOptions.LongRunning);
        Task terminate = TestSupport.RunBounded(ctx.Terminate);
        Assert.True(blocked.Wait(LongWaitMs), "Context.Terminate did not end a receive blocked on a lent connection");
        Assert.Equal(ZmqError.ETERM, blocked.Result);
        terminate.WaitBounded("Context.Terminate");
        DirectRead.DeleteIpcFile(peer.Socket.LastEndpoint);
    }
}
