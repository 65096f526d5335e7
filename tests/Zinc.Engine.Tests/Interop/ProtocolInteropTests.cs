using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>Socket-type checks in the handshake, and ZMTP 2.0 peers (RFC 15) served by Zinc.</summary>
public sealed class ProtocolInteropTests
{
    // libzmq 4.3.4 reports a socket-type mismatch as DISCONNECTED on both sides (checked with
    // python3-zmq), not as a handshake failure event.
    [Fact]
    public void Zinc_push_is_refused_by_a_libzmq_pair()
    {
        using var ctx = new Context();
        using var lib = LibzmqPeer.Bind("PAIR", "tcp://127.0.0.1:*", "MONITOR=1");
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Push, false, lib.Endpoint, "RECONNECT_IVL=1000");
        zinc.Socket.TrySend(B("must not arrive"), SendFlags.DontWait);
        Assert.True(lib.WaitEvent("DISCONNECTED"), "libzmq kept a connection from an incompatible socket type");
        Assert.Null(lib.TryRecv(200));
    }

    [Fact]
    public void Libzmq_push_is_refused_by_a_zinc_pair()
    {
        using var ctx = new Context();
        using var zinc = new ZincEnd(ctx, SocketType.Pair);
        using var monitor = new ZincMonitor(ctx, zinc.Socket);
        zinc.Socket.Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("PUSH", zinc.Endpoint, "MONITOR=1", "RECONNECT_IVL=1000", "SNDTIMEO=0");
        lib.TrySend(B("must not arrive")); // EAGAIN once libzmq has dropped the refused link: fine either way
        Assert.True(lib.WaitEvent("DISCONNECTED"), "Zinc kept a connection from an incompatible socket type");
        Assert.Null(zinc.TryRecv(200));
        Assert.True(monitor.WaitFor(SocketEvents.Disconnected | SocketEvents.HandshakeFailedProtocol | SocketEvents.HandshakeFailedNoDetail, 1000) is not null,
            $"Zinc's monitor reported no failure; saw: {monitor.Describe()}");
    }

    [Fact]
    public void Raw_peer_claiming_an_incompatible_type_is_closed_by_zinc()
    {
        using var ctx = new Context();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Pull, true, "tcp://127.0.0.1:*");
        using var raw = RawZmtpPeer.Connect(zinc.Endpoint);
        raw.Write(RawZmtpPeer.Greeting3());
        raw.ReadGreeting3();
        raw.Write(RawZmtpPeer.Ready("PUB"));
        raw.Write(RawZmtpPeer.Message(B("must not arrive")));
        Assert.True(raw.WaitClosed(), "Zinc PULL kept a connection from a PUB");
        Assert.Null(zinc.TryRecv(100));
    }

    [Fact]
    public void Zinc_ready_names_its_socket_type_and_routing_id()
    {
        using var ctx = new Context();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Dealer, true, "tcp://127.0.0.1:*", "ROUTING_ID=" + Hex("zid"));
        using var raw = RawZmtpPeer.Connect(zinc.Endpoint);
        Dictionary<string, byte[]> props = raw.Handshake3("ROUTER");
        Assert.Equal("DEALER", S(props["Socket-Type"]));
        Assert.Equal("zid", S(props["Identity"]));
        raw.SendMessage(B("from raw"));
        Expect(zinc, "from raw");
        zinc.Send(B("to"), B("raw"));
        Assert.Equal(["to", "raw"], raw.ReadMessage().Select(S));
    }

    [Fact]
    public void Zmtp2_push_client_delivers_to_a_zinc_pull()
    {
        using var ctx = new Context();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Pull, true, "tcp://127.0.0.1:*");
        using var raw = RawZmtpPeer.Connect(zinc.Endpoint);
        raw.Write(RawZmtpPeer.Greeting2(socketType: 8)); // PUSH
        (byte revision, byte type, byte[] identity) = raw.ReadGreeting2();
        Assert.True(revision >= 1, $"revision {revision}");
        Assert.Equal(7, type); // PULL
        Assert.Empty(identity);
        raw.SendMessage(B("old"), [], B("peer"));
        raw.SendMessage(new byte[1000]); // long frame: 8-byte size
        Expect(zinc, "old", "", "peer");
        Assert.Equal(1000, Assert.Single(Recv(zinc)).Length);
    }

    [Fact]
    public void Zinc_push_speaks_zmtp2_framing_to_a_zmtp2_pull_client()
    {
        using var ctx = new Context();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Push, true, "tcp://127.0.0.1:*");
        using var raw = RawZmtpPeer.Connect(zinc.Endpoint);
        raw.Write(RawZmtpPeer.Greeting2(socketType: 7, identity: B("old-pull"))); // PULL
        Assert.Equal(8, raw.ReadGreeting2().SocketType); // PUSH
        zinc.Send(B("a"), [], new byte[300]);
        AssertFrame(raw.ReadFrame(), RawZmtpPeer.MoreFlag, 1);
        AssertFrame(raw.ReadFrame(), RawZmtpPeer.MoreFlag, 0);
        AssertFrame(raw.ReadFrame(), 0, 300);
    }

    [Fact]
    public void Zmtp2_dealer_client_is_routed_by_its_identity_at_a_zinc_router()
    {
        using var ctx = new Context();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Router, true, "tcp://127.0.0.1:*");
        using var raw = RawZmtpPeer.Connect(zinc.Endpoint);
        raw.Write(RawZmtpPeer.Greeting2(socketType: 5, identity: B("v2-dealer"))); // DEALER
        Assert.Equal(6, raw.ReadGreeting2().SocketType); // ROUTER
        raw.SendMessage(B("hi"));
        Expect(zinc, "v2-dealer", "hi");
        zinc.Send(B("v2-dealer"), B("back"));
        (byte flags, byte[] body) = raw.ReadFrame();
        Assert.Equal(0, flags);
        Assert.Equal("back", S(body));
    }

    private static void AssertFrame((byte Flags, byte[] Body) frame, byte flags, int length)
    {
        Assert.Equal(flags, frame.Flags); // never the 3.x command bit on a 2.0 link
        Assert.Equal(length, frame.Body.Length);
    }
}
