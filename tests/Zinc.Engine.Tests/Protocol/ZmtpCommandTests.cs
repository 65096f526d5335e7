using Zinc.Protocol;

namespace Zinc.Tests.Protocol;

public class ZmtpCommandTests
{
    [Fact]
    public void Ready_metadata_round_trips_with_case_insensitive_names()
    {
        Msg ready = ZmtpCommand.BuildMetadata("READY"u8,
            [new("Socket-Type", "ROUTER"u8.ToArray()), new("Identity", new byte[] { 0, 1, 2 })]);
        byte[] body = ready.ToArray();
        Assert.Equal(ZmtpCommandKind.Ready, ZmtpCommand.KindOf(body));
        Assert.True(ZmtpCommand.TryParseMetadata(ZmtpCommand.DataOf(body), out var properties));
        Assert.Equal("ROUTER"u8.ToArray(), properties["socket-type"]);
        Assert.Equal(new byte[] { 0, 1, 2 }, properties["IDENTITY"]);
        ready.Close();
    }

    [Fact]
    public void Truncated_metadata_is_rejected()
    {
        byte[] data = [11, .. "Socket-Type"u8, 0, 0, 0, 9, .. "PUB"u8];
        Assert.False(ZmtpCommand.TryParseMetadata(data, out _));
    }

    [Fact]
    public void An_empty_property_name_breaks_rfc_37_but_a_zap_reply_may_carry_one()
    {
        byte[] data = [0, 0, 0, 0, 1, (byte)'x', 7, .. "User-Id"u8, 0, 0, 0, 1, (byte)'u'];
        Assert.False(ZmtpCommand.TryParseMetadata(data, out _));
        Assert.True(ZmtpCommand.TryParseMetadata(data, out var properties, allowEmptyNames: true));
        Assert.Equal("x"u8.ToArray(), properties[""]);
        Assert.Equal("u"u8.ToArray(), properties["User-Id"]);

        List<byte[]> reply = [[], "1.0"u8.ToArray(), [7], "200"u8.ToArray(), "OK"u8.ToArray(), "user"u8.ToArray(), data];
        Assert.Equal(Zinc.Security.Zap.ZapAnswerStatus.Received, Zinc.Security.Zap.ZapAnswer.Parse(reply, [7], out var answer));
        Assert.Equal("x"u8.ToArray(), answer.Metadata![""]);
    }

    [Fact]
    public void Unknown_and_malformed_names_are_unknown()
    {
        Assert.Equal(ZmtpCommandKind.Unknown, ZmtpCommand.KindOf("\x05HELLX"u8));
        Assert.Equal(ZmtpCommandKind.Unknown, ZmtpCommand.KindOf([9, (byte)'P']));
        Assert.Equal(ZmtpCommandKind.Unknown, ZmtpCommand.KindOf([]));
    }

    [Fact]
    public void Socket_type_compatibility_follows_the_rfcs()
    {
        Assert.True(SocketTypeNames.Compatible(SocketType.Req, SocketType.Router));
        Assert.True(SocketTypeNames.Compatible(SocketType.XPub, SocketType.Sub));
        Assert.False(SocketTypeNames.Compatible(SocketType.Push, SocketType.Pub));
        Assert.False(SocketTypeNames.Compatible(SocketType.Pair, SocketType.Dealer));
    }
}
