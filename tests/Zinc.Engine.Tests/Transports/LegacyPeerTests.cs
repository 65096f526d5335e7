using System.Net.Sockets;
using System.Text;

namespace Zinc.Tests.Transports;

/// <summary>Hand-written peers: a ZMTP 1.0 peer (no greeting at all) and one that never finishes its handshake.</summary>
public class LegacyPeerTests
{
    private static System.Net.Sockets.Socket ConnectRaw(string endpoint)
    {
        var raw = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp)
        {
            ReceiveTimeout = TestSupport.TimeoutMs,
            SendTimeout = TestSupport.TimeoutMs,
        };
        raw.Connect("127.0.0.1", StreamTestSupport.PortOf(endpoint));
        return raw;
    }

    private static byte[] ReadExactly(System.Net.Sockets.Socket raw, int count)
    {
        byte[] buffer = new byte[count];
        int at = 0;
        while (at < count)
        {
            int n = raw.Receive(buffer, at, count - at, SocketFlags.None);
            if (n == 0) throw new IOException("peer closed");
            at += n;
        }
        return buffer;
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Zmtp1_peer_without_greeting_is_served_both_ways(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pair = ctx.CreateStream(SocketType.Pair);
        pair.Bind("tcp://127.0.0.1:*");
        using var raw = ConnectRaw(pair.LastEndpoint);
        // ZMTP 1.0: an empty identity frame (length 1 = just the flags byte), then "hello".
        raw.Send([0x01, 0x00, 0x06, 0x00, .. "hello"u8]);
        Assert.Equal("hello", pair.RecvString());

        // Zinc's side: the 10-byte signature doubles as a 1.0 identity frame header (length 1,
        // flags 0x7F), and since the identity is empty nothing follows it; then 1.0 frames.
        byte[] signature = ReadExactly(raw, 10);
        Assert.Equal(new byte[] { 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F }, signature);
        pair.SendString("back");
        byte[] expected = [0x05, 0x00, .. "back"u8];
        Assert.Equal(expected, ReadExactly(raw, 6));
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Silent_peer_is_dropped_after_handshake_ivl(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.HandshakeIvl, 100);
        using var monitor = new MonitorReader(ctx, pull);
        pull.Bind("tcp://127.0.0.1:*");
        using var raw = ConnectRaw(pull.LastEndpoint);
        ReadExactly(raw, 10); // Zinc's signature; we answer nothing
        MonitorEvent failed = monitor.WaitFor(SocketEvents.HandshakeFailedNoDetail);
        Assert.Equal(pull.LastEndpoint, failed.Endpoint);
        Assert.Equal(0, raw.Receive(new byte[64])); // the connection is closed
        // The socket still serves a well-behaved peer.
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(pull.LastEndpoint);
        push.SendString("still here");
        Assert.Equal("still here", pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Zmtp2_greeting_gets_our_socket_type_and_identity_frame(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket dealer = ctx.CreateStream(SocketType.Dealer);
        dealer.SetOption(SocketOption.RoutingId, Encoding.ASCII.GetBytes("me"));
        dealer.Bind("tcp://127.0.0.1:*");
        using var raw = ConnectRaw(dealer.LastEndpoint);
        // A 2.0 ROUTER: signature, revision 1, socket type ROUTER, then its identity frame.
        raw.Send([0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 0x01, (byte)SocketType.Router, 0x00, 0x00]);
        byte[] greeting = ReadExactly(raw, 12);
        Assert.Equal((byte)SocketType.Dealer, greeting[11]);
        Assert.Equal(new byte[] { 0x00, 0x02, (byte)'m', (byte)'e' }, ReadExactly(raw, 4));
        dealer.SendString("hi");
        Assert.Equal(new byte[] { 0x00, 0x02, (byte)'h', (byte)'i' }, ReadExactly(raw, 4));
    }
}
