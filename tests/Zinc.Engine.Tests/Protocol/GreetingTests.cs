using Zinc.Protocol;

namespace Zinc.Tests.Protocol;

public class GreetingTests
{
    private static (GreetingStatus Status, byte[] Sent) Feed(Greeting greeting, byte[] peer)
    {
        var sent = new List<byte>();
        Span<byte> reply = stackalloc byte[Greeting.V3Size];
        GreetingStatus status = GreetingStatus.NeedMore;
        // Byte by byte: the exchange must not depend on how the peer's bytes are split.
        for (int i = 0; i < peer.Length && status == GreetingStatus.NeedMore; i++)
        {
            status = greeting.Feed(peer.AsSpan(i, 1), out int consumed, reply, out int length);
            Assert.Equal(1, consumed);
            sent.AddRange(reply.Slice(0, length).ToArray());
        }
        return (status, sent.ToArray());
    }

    private static byte[] V3(byte minor, string mechanism = "NULL")
    {
        var g = new byte[64];
        g[0] = 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = minor;
        System.Text.Encoding.ASCII.GetBytes(mechanism).CopyTo(g, 12);
        return g;
    }

    [Theory]
    [InlineData(1, (int)ZmtpVersion.V31)]
    [InlineData(0, (int)ZmtpVersion.V30)]
    public void Zmtp3_peer_gets_the_rest_of_our_greeting(byte minor, int expected)
    {
        var greeting = new Greeting(SocketType.Dealer, 0, "NULL", false);
        var (status, sent) = Feed(greeting, V3(minor));
        Assert.Equal(GreetingStatus.Done, status);
        Assert.Equal((ZmtpVersion)expected, greeting.Version);
        Assert.Equal(54, sent.Length); // major, minor, mechanism, as-server, filler
        Assert.Equal(3, sent[0]);
        Assert.Equal("NULL"u8.ToArray(), sent[2..6]);
    }

    [Fact]
    public void Mechanism_mismatch_is_an_error()
    {
        var greeting = new Greeting(SocketType.Dealer, 0, "NULL", false);
        Assert.Equal(GreetingStatus.Error, Feed(greeting, V3(1, "PLAIN")).Status);
    }

    [Fact]
    public void Zmtp2_peer_gets_our_socket_type()
    {
        var greeting = new Greeting(SocketType.Push, 0, "NULL", false);
        byte[] peer = [0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 0x01, (byte)SocketType.Pull];
        var (status, sent) = Feed(greeting, peer);
        Assert.Equal(GreetingStatus.Done, status);
        Assert.Equal(ZmtpVersion.V2, greeting.Version);
        Assert.Equal(new byte[] { 3, (byte)SocketType.Push }, sent);
        Assert.Equal((int)SocketType.Pull, greeting.PeerSocketTypeV2);
    }

    [Fact]
    public void Zmtp1_peer_is_recognised_by_its_identity_frame()
    {
        var greeting = new Greeting(SocketType.Push, 0, "NULL", false);
        var (status, _) = Feed(greeting, [0x01, 0x00]); // identity frame: length 1 (flags only)
        Assert.Equal(GreetingStatus.Done, status);
        Assert.True(greeting.Unversioned);
        Assert.Equal(ZmtpVersion.V1, greeting.Version);
        Assert.Equal(new byte[] { 0x01 }, greeting.Leftover.ToArray());
    }

    [Fact]
    public void Signature_is_a_zmtp1_identity_frame_header()
    {
        var greeting = new Greeting(SocketType.Push, 5, "NULL", false);
        byte[] signature = new byte[10];
        greeting.WriteSignature(signature);
        Assert.Equal(new byte[] { 0xFF, 0, 0, 0, 0, 0, 0, 0, 6, 0x7F }, signature);
    }
}
