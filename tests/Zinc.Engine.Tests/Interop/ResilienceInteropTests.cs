using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>Reconnection after a libzmq peer dies, and ZMTP 3.1 heartbeats both ways.</summary>
public sealed class ResilienceInteropTests
{
    [Theory]
    [InlineData("tcp", SocketType.Push, "PULL")]
    [InlineData("ipc", SocketType.Push, "PULL")]
    [InlineData("tcp", SocketType.Dealer, "DEALER")]
    public void Zinc_reconnects_to_a_restarted_libzmq_peer(string transport, SocketType zincType, string libType)
    {
        using var ctx = new Context();
        using var lib = LibzmqPeer.Bind(libType, BindEndpoint(transport));
        using var zinc = (ZincEnd)Make(ctx, true, zincType, false, lib.Endpoint, "RECONNECT_IVL=20");
        using var monitor = new ZincMonitor(ctx, zinc.Socket, SocketEvents.Disconnected);
        zinc.Send(B("before"));
        Expect(lib, "before");

        lib.Kill();
        // Once Zinc has seen the peer go, what it sends queues for the next connection.
        Assert.True(monitor.WaitFor(SocketEvents.Disconnected) is not null, "Zinc saw no DISCONNECTED after the peer was killed");
        Assert.True(zinc.Socket.TrySend(B("queued"), SendFlags.DontWait), "a connecting socket refused to queue while its peer was away");

        lib.Restart();
        Expect(lib, "queued");
        for (int i = 0; i < 5; i++) zinc.Send(B($"after-{i}"));
        for (int i = 0; i < 5; i++) Expect(lib, $"after-{i}");
    }

    [Fact]
    public void Zinc_reconnects_when_the_peer_restarts_before_it_noticed()
    {
        using var ctx = new Context();
        using var lib = LibzmqPeer.Bind("PULL", "tcp://127.0.0.1:*");
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Push, false, lib.Endpoint, "RECONNECT_IVL=20");
        zinc.Send(B("before"));
        Expect(lib, "before");
        lib.Restart();
        // Whatever was in flight when the peer died may be lost; new messages must get through.
        byte[][] first = SendUntilReceived(() => zinc.Socket.TrySend(B("probe"), SendFlags.DontWait), lib);
        Assert.Equal("probe", S(first[0]));
        for (int i = 0; i < 5; i++) zinc.Send(B($"tail-{i}"));
        int next = 0;
        while (next < 5)
        {
            string got = S(Recv(lib)[0]);
            if (got == "probe") continue; // late retries
            Assert.Equal($"tail-{next++}", got);
        }
    }

    [Fact]
    public void Zinc_heartbeat_drops_a_peer_that_never_answers_ping()
    {
        using var ctx = new Context();
        using var listener = new RawZmtpListener();
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Dealer, false, listener.Endpoint,
            "HEARTBEAT_IVL=100", "HEARTBEAT_TIMEOUT=300", "RECONNECT_IVL=5000");
        using var raw = listener.Accept();
        Dictionary<string, byte[]> props = raw.Handshake3("ROUTER");
        Assert.Equal("DEALER", S(props["Socket-Type"]));
        (string name, byte[] data) = raw.ReadCommand();
        Assert.Equal("PING", name);
        Assert.True(data.Length >= 2, "PING carries a 2-byte TTL"); // RFC 37
        Assert.True(raw.WaitClosed(), "Zinc kept a connection whose peer never answered PING");
    }

    [Fact]
    public void Zinc_answers_ping_so_a_libzmq_heartbeat_keeps_the_link()
    {
        using var ctx = new Context();
        using var lib = LibzmqPeer.Bind("PAIR", "tcp://127.0.0.1:*", "HEARTBEAT_IVL=50", "HEARTBEAT_TIMEOUT=200", "MONITOR=1");
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Pair, false, lib.Endpoint);
        zinc.Send(B("one"));
        Expect(lib, "one");
        // Six timeouts' worth of heartbeats: the wait itself is what is tested, and it is bounded.
        Assert.False(lib.WaitEvent("DISCONNECTED", 1200), "libzmq dropped Zinc: no PONG to its PINGs");
        zinc.Send(B("two"));
        Expect(lib, "two");
        lib.Send(B("three"));
        Expect(zinc, "three");
    }

    [Fact]
    public void Zinc_heartbeat_on_a_live_libzmq_peer_keeps_the_link()
    {
        using var ctx = new Context();
        using var lib = LibzmqPeer.Bind("PAIR", "tcp://127.0.0.1:*", "MONITOR=1");
        using var zinc = (ZincEnd)Make(ctx, true, SocketType.Pair, false, lib.Endpoint, "HEARTBEAT_IVL=50", "HEARTBEAT_TIMEOUT=200");
        using var monitor = new ZincMonitor(ctx, zinc.Socket, SocketEvents.Disconnected);
        zinc.Send(B("one"));
        Expect(lib, "one");
        Assert.False(lib.WaitEvent("DISCONNECTED", 1200), "the link dropped although libzmq answers PING");
        Assert.Null(monitor.WaitFor(SocketEvents.Disconnected, 1));
        lib.Send(B("two"));
        Expect(zinc, "two");
    }
}
