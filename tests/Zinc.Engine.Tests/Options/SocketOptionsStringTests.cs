using System.Text;

namespace Zinc.Tests.Options;

public class SocketOptionsStringTests
{
    // Z85 form of the RFC 32 / zmq_curve test server public key.
    private const string ServerPublicZ85 = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";

    [Fact]
    public void StringsAreReturnedWithTrailingNul()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.ZapDomain, "global"u8));
        var buffer = new byte[64];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.ZapDomain, buffer, out int written));
        Assert.Equal(7, written);
        Assert.Equal("global\0"u8.ToArray(), buffer[..written]);
        Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.ZapDomain, new byte[6], out _));
        Assert.Equal("global", options.ZapDomain);
    }

    [Fact]
    public void TrailingNulOnSetIsKept()
    {
        // As libzmq 4.3.4: the bytes are kept as given and read back with one more NUL.
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.SocksProxy, "proxy:1080\0"u8));
        var buffer = new byte[12];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.SocksProxy, buffer, out int written));
        Assert.Equal(12, written);
        Assert.Equal("proxy:1080\0\0"u8.ToArray(), buffer);
    }

    [Fact]
    public void ZapDomainCannotBeSetEmpty()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.ZapDomain, "global"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.ZapDomain, ReadOnlySpan<byte>.Empty));
        Assert.Equal("global", options.ZapDomain);
        // A lone NUL is a one-byte domain in libzmq, not an empty one.
        Assert.Equal(ZmqError.None, options.Set(SocketOption.ZapDomain, "\0"u8));
        Assert.Equal("\0", options.ZapDomain);
    }

    [Theory]
    [InlineData(SocketOption.ZapDomain)]
    [InlineData(SocketOption.PlainUsername)]
    [InlineData(SocketOption.PlainPassword)]
    [InlineData(SocketOption.SocksProxy)]
    [InlineData(SocketOption.SocksUsername)]
    [InlineData(SocketOption.SocksPassword)]
    [InlineData(SocketOption.BindToDevice)]
    public void EmbeddedNulIsKept(SocketOption option)
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(option, "a\0b"u8));
        var buffer = new byte[8];
        Assert.Equal(ZmqError.None, options.Get(option, buffer, out int written));
        Assert.Equal("a\0b\0"u8.ToArray(), buffer.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void StrictStringsAreMarkedForTheCAbi()
    {
        // C clears these with NULL only; an empty value at a real address is EINVAL there.
        foreach (SocketOption option in new[] { SocketOption.PlainUsername, SocketOption.PlainPassword,
            SocketOption.SocksProxy, SocketOption.BindToDevice, SocketOption.TcpAcceptFilter })
            Assert.True(OptionTable.Find(option)!.Has(OptionFlags.EmptyNeedsNull), option.ToString());
        Assert.False(OptionTable.Find(SocketOption.SocksUsername)!.Has(OptionFlags.EmptyNeedsNull));
    }

    [Fact]
    public void UnsetStringReadsAsEmptyString()
    {
        var options = new SocketOptions();
        var buffer = new byte[4];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.PlainUsername, buffer, out int written));
        Assert.Equal(1, written);
        Assert.Equal(0, buffer[0]);
        Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.PlainUsername, Span<byte>.Empty, out _));
    }

    [Fact]
    public void StringLengthLimits()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.ZapDomain, new string('d', 256)));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.ZapDomain, new string('d', 255)));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.PlainUsername, new string('u', 256)));
        // GSSAPI is not offered: every GSSAPI option is refused with ENOTSUP, whatever the value.
        Assert.Equal(ZmqError.ENOTSUP, options.Set(SocketOption.GssapiPrincipal, string.Empty));
    }

    [Fact]
    public void PlainCredentialsSelectPlain()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.PlainUsername, "admin"));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.PlainPassword, "secret"));
        Assert.Equal(SocketOptions.MechanismPlain, options.Mechanism);
        Assert.False(options.AsServer);
        Assert.Equal("admin", options.PlainUsername);
        Assert.Equal(ZmqError.None, options.GetInt32(SocketOption.Mechanism, out int mechanism));
        Assert.Equal(1, mechanism);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.PlainUsername, ReadOnlySpan<byte>.Empty));
        Assert.Equal(SocketOptions.MechanismNull, options.Mechanism);
    }

    [Fact]
    public void ServerFlagsFollowTheMechanism()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.PlainServer, 1));
        Assert.Equal(ZmqError.None, options.GetInt32(SocketOption.PlainServer, out int plainServer));
        Assert.Equal(1, plainServer);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.CurveServer, 1));
        Assert.Equal(ZmqError.None, options.GetInt32(SocketOption.PlainServer, out plainServer));
        Assert.Equal(0, plainServer);
        Assert.Equal(ZmqError.None, options.GetInt32(SocketOption.CurveServer, out int curveServer));
        Assert.Equal(1, curveServer);
        Assert.Equal(SocketOptions.MechanismCurve, options.Mechanism);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.CurveServer, 0));
        Assert.Equal(SocketOptions.MechanismNull, options.Mechanism);
    }

    [Fact]
    public void CurveKeyBinaryAndZ85Forms()
    {
        byte[] binary = Z85.Decode(ServerPublicZ85)!;
        Assert.Equal(32, binary.Length);

        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.CurveServerKey, binary));
        Assert.Equal(binary, options.CurveServerKey);
        Assert.Equal(SocketOptions.MechanismCurve, options.Mechanism);

        var raw = new byte[32];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.CurveServerKey, raw, out int written));
        Assert.Equal(32, written);
        Assert.Equal(binary, raw);

        var text = new byte[41];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.CurveServerKey, text, out written));
        Assert.Equal(41, written);
        Assert.Equal(ServerPublicZ85, Encoding.ASCII.GetString(text, 0, 40));
        Assert.Equal(0, text[40]);
        // As libzmq 4.3.4: only a 32 or 41 byte buffer, a larger one is refused too.
        foreach (int size in new[] { 0, 31, 33, 40, 42, 255 })
            Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.CurveServerKey, new byte[size], out _));

        Assert.Equal(ZmqError.None, options.GetString(SocketOption.CurveServerKey, out string z85));
        Assert.Equal(ServerPublicZ85, z85);
    }

    [Fact]
    public void CurveKeyAcceptsZ85WithAndWithoutNul()
    {
        byte[] expected = Z85.Decode(ServerPublicZ85)!;
        var withNul = new SocketOptions();
        Assert.Equal(ZmqError.None, withNul.Set(SocketOption.CurvePublicKey, Encoding.ASCII.GetBytes(ServerPublicZ85 + "\0")));
        Assert.Equal(expected, withNul.CurvePublicKey);
        var withoutNul = new SocketOptions();
        Assert.Equal(ZmqError.None, withoutNul.Set(SocketOption.CurvePublicKey, ServerPublicZ85));
        Assert.Equal(expected, withoutNul.CurvePublicKey);
    }

    [Fact]
    public void CurveKeyRejectsBadForms()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.CurveSecretKey, new byte[31]));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.CurveSecretKey, new byte[33]));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.CurveSecretKey, Encoding.ASCII.GetBytes(new string('~', 40))));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.CurveSecretKey, Encoding.ASCII.GetBytes(ServerPublicZ85 + "x")));
        Assert.Null(options.CurveSecretKey);
        Assert.Equal(SocketOptions.MechanismNull, options.Mechanism);
    }

    [Fact]
    public void UnsetCurveKeyReadsAsZeros()
    {
        var key = new byte[32];
        Array.Fill(key, (byte)0xAA);
        Assert.Equal(ZmqError.None, new SocketOptions().Get(SocketOption.CurvePublicKey, key, out int written));
        Assert.Equal(32, written);
        Assert.All(key, b => Assert.Equal(0, b));
    }

    [Fact]
    public void MetadataAccumulates()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Metadata, "X-color:blue"));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Metadata, "X-size:10\0"));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Metadata, "X-color:red")); // first one wins
        Assert.Equal(2, options.Metadata!.Count);
        Assert.Equal("blue", options.Metadata["X-color"]);
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Metadata, "color:blue"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Metadata, "X-color:"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Metadata, ":blue"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Metadata, "X-novalue"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Metadata, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void AcceptFiltersAccumulateAndClear()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.TcpAcceptFilter, "127.0.0.1"));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.TcpAcceptFilter, "10.0.0.0/8"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.TcpAcceptFilter, "10.0.0.0/33"));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.TcpAcceptFilter, "not-an-address"));
        // Read as a C string, up to the first NUL (libzmq 4.3.4).
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.TcpAcceptFilter, "\0"u8));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.TcpAcceptFilter, "10.0.0.0/8\0x"u8));
        Assert.Equal(new[] { "127.0.0.1", "10.0.0.0/8", "10.0.0.0/8" }, options.TcpAcceptFilters);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.TcpAcceptFilter, ReadOnlySpan<byte>.Empty));
        Assert.Empty(options.TcpAcceptFilters);

        Assert.Equal(ZmqError.None, options.Set(SocketOption.IpcFilterPid, 1234));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.IpcFilterPid, 1234));
        Assert.Single(options.IpcFilterPids!);
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.IpcFilterUid, new byte[2]));
    }

    [Fact]
    public void CloneIsIndependent()
    {
        var options = new SocketOptions();
        options.Set(SocketOption.SndHwm, 7);
        options.Set(SocketOption.RoutingId, "me");
        options.Set(SocketOption.ConnectRoutingId, "peer");
        options.Set(SocketOption.Metadata, "X-a:b");
        options.Set(SocketOption.PlainUsername, "user");

        SocketOptions copy = options.Clone();
        options.Set(SocketOption.SndHwm, 8);
        options.Set(SocketOption.RoutingId, "other");
        options.TakeConnectRoutingId();
        options.Set(SocketOption.Metadata, "X-c:d");
        options.Set(SocketOption.PlainUsername, ReadOnlySpan<byte>.Empty);

        Assert.Equal(7, copy.SndHwm);
        Assert.Equal("me"u8.ToArray(), copy.RoutingId);
        Assert.Equal("peer"u8.ToArray(), copy.ConnectRoutingId);
        Assert.Single(copy.Metadata!);
        Assert.Equal(SocketOptions.MechanismPlain, copy.Mechanism);
        Assert.Equal(8, options.SndHwm);
    }
}
