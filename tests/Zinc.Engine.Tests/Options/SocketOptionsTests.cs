using System.Buffers.Binary;
using System.Text;

namespace Zinc.Tests.Options;

public class SocketOptionsTests
{
    private static byte[] Int32Bytes(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Int64Bytes(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static int GetInt(SocketOptions options, SocketOption option)
    {
        Assert.Equal(ZmqError.None, options.GetInt32(option, out int value));
        return value;
    }

    [Theory]
    [InlineData(SocketOption.SndHwm, 1000)]
    [InlineData(SocketOption.RcvHwm, 1000)]
    [InlineData(SocketOption.Linger, -1)]
    [InlineData(SocketOption.RcvTimeo, -1)]
    [InlineData(SocketOption.SndTimeo, -1)]
    [InlineData(SocketOption.ReconnectIvl, 100)]
    [InlineData(SocketOption.ReconnectIvlMax, 0)]
    [InlineData(SocketOption.Backlog, 100)]
    [InlineData(SocketOption.Rate, 100)]
    [InlineData(SocketOption.RecoveryIvl, 10000)]
    [InlineData(SocketOption.MulticastHops, 1)]
    [InlineData(SocketOption.MulticastMaxTpdu, 1500)]
    [InlineData(SocketOption.SndBuf, -1)]
    [InlineData(SocketOption.RcvBuf, -1)]
    [InlineData(SocketOption.HandshakeIvl, 30000)]
    [InlineData(SocketOption.HeartbeatIvl, 0)]
    [InlineData(SocketOption.HeartbeatTtl, 0)]
    [InlineData(SocketOption.HeartbeatTimeout, -1)]
    [InlineData(SocketOption.ConnectTimeout, 0)]
    [InlineData(SocketOption.TcpKeepalive, -1)]
    [InlineData(SocketOption.TcpKeepaliveIdle, -1)]
    [InlineData(SocketOption.UseFd, -1)]
    [InlineData(SocketOption.Ipv6, 0)]
    [InlineData(SocketOption.Ipv4Only, 1)]
    [InlineData(SocketOption.Immediate, 0)]
    [InlineData(SocketOption.Mechanism, 0)]
    [InlineData(SocketOption.MulticastLoop, 1)]
    [InlineData(SocketOption.InBatchSize, 8192)]
    [InlineData(SocketOption.OutBatchSize, 8192)]
    [InlineData(SocketOption.NormMode, 1)]
    [InlineData(SocketOption.NormBlockSize, 16)]
    [InlineData(SocketOption.VmciConnectTimeout, -1)]
    public void DefaultsMatchTheManPage(SocketOption option, int expected)
    {
        Assert.Equal(expected, GetInt(new SocketOptions(), option));
    }

    [Fact]
    public void TypedPropertiesHaveDefaults()
    {
        var options = new SocketOptions();
        Assert.Equal(1000, options.SndHwm);
        Assert.Equal(1000, options.RcvHwm);
        Assert.Equal(-1, options.Linger);
        Assert.Equal(-1, options.SndTimeo);
        Assert.Equal(-1, options.RcvTimeo);
        Assert.Null(options.RoutingId);
        Assert.False(options.Conflate);
        Assert.False(options.Immediate);
        Assert.Equal(100, options.ReconnectIvl);
        Assert.Equal(0, options.ReconnectIvlMax);
        Assert.Equal(100, options.Backlog);
        Assert.Equal(-1L, options.MaxMsgSize);
        Assert.False(options.Ipv6);
        Assert.Equal(-1, options.HeartbeatTimeout);
        Assert.Equal(30000, options.HandshakeIvl);
        Assert.True(options.StreamNotify);
        Assert.Equal(8192, options.InBatchSize);
        Assert.Equal(SocketOptions.MechanismNull, options.Mechanism);
        Assert.Equal(string.Empty, options.ZapDomain);
        Assert.Equal(65546UL, GetUInt64(options, SocketOption.VmciBufferSize));
        Assert.Equal(0UL, options.Affinity);
    }

    private static ulong GetUInt64(SocketOptions options, SocketOption option)
    {
        Assert.Equal(ZmqError.None, options.GetUInt64(option, out ulong value));
        return value;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(67)]
    [InlineData(125)]
    [InlineData(-5)]
    [InlineData(70)] // ZMQ_BLOCKY is a context option
    public void UnknownOptionIsInvalid(int number)
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set((SocketOption)number, Int32Bytes(1)));
        Assert.Equal(ZmqError.EINVAL, options.Get((SocketOption)number, new byte[64], out int written));
        Assert.Equal(0, written);
        Assert.Equal(ZmqError.EINVAL, options.Set((SocketOption)number, 1));
    }

    [Fact]
    public void WrongSizedValuesAreInvalid()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.SndHwm, new byte[] { 1, 0 }));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.SndHwm, Int64Bytes(10)));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.SndHwm, ReadOnlySpan<byte>.Empty));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.MaxMsgSize, Int32Bytes(10)));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Affinity, Int32Bytes(1)));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Conflate, new byte[] { 1 }));
        Assert.Equal(1000, options.SndHwm);
    }

    [Theory]
    [InlineData(SocketOption.SndHwm, -1)]
    [InlineData(SocketOption.RcvHwm, -1)]
    [InlineData(SocketOption.Linger, -2)]
    [InlineData(SocketOption.RcvTimeo, -2)]
    [InlineData(SocketOption.SndTimeo, -2)]
    [InlineData(SocketOption.ReconnectIvl, -2)]
    [InlineData(SocketOption.ReconnectIvlMax, -1)]
    [InlineData(SocketOption.Backlog, -1)]
    [InlineData(SocketOption.Rate, 0)]
    [InlineData(SocketOption.MulticastHops, 0)]
    [InlineData(SocketOption.SndBuf, -2)]
    [InlineData(SocketOption.Tos, -1)]
    [InlineData(SocketOption.TcpKeepalive, 2)]
    [InlineData(SocketOption.TcpKeepaliveCnt, -2)]
    [InlineData(SocketOption.Ipv6, 2)]
    [InlineData(SocketOption.Conflate, -1)]
    [InlineData(SocketOption.Immediate, 5)]
    [InlineData(SocketOption.HeartbeatTtl, 6553600)]
    [InlineData(SocketOption.HeartbeatTtl, -100)]
    [InlineData(SocketOption.HeartbeatTimeout, -1)]
    [InlineData(SocketOption.InBatchSize, 0)]
    [InlineData(SocketOption.OutBatchSize, -3)]
    [InlineData(SocketOption.RouterNotify, 4)]
    [InlineData(SocketOption.RouterMandatory, -1)]
    [InlineData(SocketOption.XpubVerbose, -1)]
    [InlineData(SocketOption.StreamNotify, 2)]
    [InlineData(SocketOption.NormBlockSize, 256)]
    [InlineData(SocketOption.UseFd, -2)]
    public void OutOfRangeValuesAreInvalid(SocketOption option, int value)
    {
        var options = new SocketOptions();
        OptionSpec spec = OptionTable.Find(option)!;
        Assert.Equal(ZmqError.EINVAL, options.Set(option, Int32Bytes(value)));
        if (spec.CanGet) Assert.Equal(spec.DefaultValue, GetInt(options, option));
    }

    [Theory]
    [InlineData(SocketOption.Linger, -1)]
    [InlineData(SocketOption.RcvTimeo, -1)]
    [InlineData(SocketOption.ReconnectIvl, -1)]
    [InlineData(SocketOption.SndHwm, 0)]
    [InlineData(SocketOption.TcpKeepalive, 0)]
    [InlineData(SocketOption.HeartbeatTtl, 6553500)]
    [InlineData(SocketOption.NormBlockSize, 255)]
    [InlineData(SocketOption.ReconnectStop, -5)]
    public void BoundaryValuesAreAccepted(SocketOption option, int value)
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(option, Int32Bytes(value)));
        Assert.Equal(value, GetInt(options, option));
    }

    [Theory]
    [InlineData(SocketOption.RcvMore)]
    [InlineData(SocketOption.Events)]
    [InlineData(SocketOption.Fd)]
    [InlineData(SocketOption.Type)]
    [InlineData(SocketOption.LastEndpoint)]
    [InlineData(SocketOption.ThreadSafe)]
    [InlineData(SocketOption.TopicsCount)]
    [InlineData(SocketOption.Mechanism)]
    public void GetOnlyOptionsCannotBeSet(SocketOption option)
    {
        Assert.Equal(ZmqError.EINVAL, new SocketOptions().Set(option, Int32Bytes(1)));
    }

    [Theory]
    [InlineData(SocketOption.RcvMore)]
    [InlineData(SocketOption.Events)]
    [InlineData(SocketOption.LastEndpoint)]
    [InlineData(SocketOption.TopicsCount)]
    public void ComputedOptionsAreLeftToTheSocket(SocketOption option)
    {
        Assert.Equal(ZmqError.EINVAL, new SocketOptions().Get(option, new byte[256], out _));
    }

    [Theory]
    [InlineData(SocketOption.Subscribe)]
    [InlineData(SocketOption.Unsubscribe)]
    [InlineData(SocketOption.XpubVerbose)]
    [InlineData(SocketOption.RouterMandatory)]
    [InlineData(SocketOption.ReqCorrelate)]
    [InlineData(SocketOption.XpubWelcomeMsg)]
    [InlineData(SocketOption.ConnectRoutingId)]
    [InlineData(SocketOption.HelloMsg)]
    [InlineData(SocketOption.Metadata)]
    [InlineData(SocketOption.TcpAcceptFilter)]
    public void SetOnlyOptionsCannotBeRead(SocketOption option)
    {
        Assert.Equal(ZmqError.EINVAL, new SocketOptions().Get(option, new byte[256], out _));
    }

    [Fact]
    public void SubscribeIsAnActionForTheSocketType()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Subscribe, Encoding.ASCII.GetBytes("topic")));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Unsubscribe, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Int32RoundTrip()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.SndHwm, Int32Bytes(5)));
        var buffer = new byte[4];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.SndHwm, buffer, out int written));
        Assert.Equal(4, written);
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(buffer));
        Assert.Equal(5, options.SndHwm);
        Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.SndHwm, new byte[3], out _));
    }

    [Fact]
    public void Int64AndUInt64RoundTrip()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.MaxMsgSize, Int64Bytes(1L << 40)));
        var buffer = new byte[8];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.MaxMsgSize, buffer, out int written));
        Assert.Equal(8, written);
        Assert.Equal(1L << 40, BinaryPrimitives.ReadInt64LittleEndian(buffer));
        Assert.Equal(1L << 40, options.MaxMsgSize);
        Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.MaxMsgSize, new byte[4], out _));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.MaxMsgSize, Int64Bytes(-7))); // libzmq checks no range
        Assert.Equal(-7L, options.MaxMsgSize);

        Assert.Equal(ZmqError.None, options.Set(SocketOption.Affinity, ulong.MaxValue));
        Assert.Equal(ulong.MaxValue, options.Affinity);
        Assert.Equal(ulong.MaxValue, GetUInt64(options, SocketOption.Affinity));
        Assert.Equal(ZmqError.EINVAL, options.GetInt64(SocketOption.Affinity, out _));
    }

    [Fact]
    public void BoolsReadBackAsZeroOrOne()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.InvertMatching, Int32Bytes(7)));
        Assert.Equal(1, GetInt(options, SocketOption.InvertMatching));
        Assert.True(options.InvertMatching);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.RouterMandatory, Int32Bytes(3)));
        Assert.True(options.RouterMandatory);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Conflate, true));
        Assert.True(options.Conflate);
        Assert.Equal(ZmqError.None, options.GetBool(SocketOption.Conflate, out bool conflate));
        Assert.True(conflate);
    }

    [Fact]
    public void Ipv4OnlyIsTheInverseOfIpv6()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Ipv4Only, 0));
        Assert.True(options.Ipv6);
        Assert.Equal(1, GetInt(options, SocketOption.Ipv6));
        Assert.Equal(0, GetInt(options, SocketOption.Ipv4Only));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.Ipv6, false));
        Assert.Equal(1, GetInt(options, SocketOption.Ipv4Only));
    }

    [Fact]
    public void HeartbeatTtlIsRoundedToDeciseconds()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.HeartbeatTtl, 1299));
        Assert.Equal(1200, GetInt(options, SocketOption.HeartbeatTtl));
        Assert.Equal(1200, options.HeartbeatTtl);
        // libzmq 4.3.4 accepts -99..-1, which round toward zero to 0.
        Assert.Equal(ZmqError.None, options.Set(SocketOption.HeartbeatTtl, -99));
        Assert.Equal(0, GetInt(options, SocketOption.HeartbeatTtl));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.HeartbeatTtl, -1));
        Assert.Equal(0, GetInt(options, SocketOption.HeartbeatTtl));
    }

    [Fact]
    public void TypedSettersSizeNumbersToTheOption()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.MaxMsgSize, 4096));   // int widens to int64
        Assert.Equal(4096L, options.MaxMsgSize);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.SndHwm, 42L));        // long narrows to int
        Assert.Equal(42, options.SndHwm);
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.SndHwm, 1L << 33));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.Affinity, -1));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.SndHwm, -1));       // same validation
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.RoutingId, 5));     // not a number option
        Assert.Equal(ZmqError.None, options.GetInt64(SocketOption.SndHwm, out long hwm));
        Assert.Equal(42L, hwm);
    }

    [Fact]
    public void RoutingIdRoundTripAndValidation()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.RoutingId, ReadOnlySpan<byte>.Empty));
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.RoutingId, new byte[256]));
        Assert.Null(options.RoutingId);
        // libzmq 4.3.4 accepts an id starting with a zero byte, though the man page reserves them.
        Assert.Equal(ZmqError.None, options.Set(SocketOption.RoutingId, new byte[] { 0, 1, 2 }));
        Assert.Equal(new byte[] { 0, 1, 2 }, options.RoutingId);

        var id = new byte[255];
        Array.Fill(id, (byte)7);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.RoutingId, id));
        Assert.Equal(id, options.RoutingId);
        var buffer = new byte[300];
        Assert.Equal(ZmqError.None, options.Get(SocketOption.Identity, buffer, out int written));
        Assert.Equal(255, written);
        Assert.Equal(ZmqError.EINVAL, options.Get(SocketOption.RoutingId, new byte[254], out _));
        Assert.Equal(ZmqError.None, options.GetBytes(SocketOption.RoutingId, out byte[] read));
        Assert.Equal(id, read);
    }

    [Fact]
    public void UnsetRoutingIdReadsAsEmpty()
    {
        Assert.Equal(ZmqError.None, new SocketOptions().Get(SocketOption.RoutingId, new byte[8], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void ConnectRoutingIdAppliesOnce()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.EINVAL, options.Set(SocketOption.ConnectRoutingId, ReadOnlySpan<byte>.Empty));
        Assert.Equal(ZmqError.None, options.Set(SocketOption.ConnectRid, "peer-1"));
        Assert.Equal("peer-1"u8.ToArray(), options.ConnectRoutingId);
        Assert.Equal("peer-1"u8.ToArray(), options.TakeConnectRoutingId());
        Assert.Null(options.TakeConnectRoutingId());
        Assert.Null(options.ConnectRoutingId);
    }

    [Fact]
    public void BinaryMessagesAreStoredAndClearedByEmpty()
    {
        var options = new SocketOptions();
        Assert.Equal(ZmqError.None, options.Set(SocketOption.XpubWelcomeMsg, "WELCOME"u8));
        Assert.Equal("WELCOME"u8.ToArray(), options.XpubWelcomeMsg);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.XpubWelcomeMsg, ReadOnlySpan<byte>.Empty));
        Assert.Null(options.XpubWelcomeMsg);
        Assert.Equal(ZmqError.None, options.Set(SocketOption.HelloMsg, new byte[] { 0, 1 }));
        Assert.Equal(new byte[] { 0, 1 }, options.HelloMsg);
    }
}
