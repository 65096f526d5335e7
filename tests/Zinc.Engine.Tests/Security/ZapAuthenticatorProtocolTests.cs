using static Zinc.Tests.Security.ZapAuthenticatorHarness;

namespace Zinc.Tests.Security;

/// <summary>RFC 27 framing of <see cref="ZapAuthenticator"/>: malformed requests, envelopes, socket types, replies with metadata.</summary>
public class ZapAuthenticatorProtocolTests
{
    [Fact]
    public void UnknownVersionGets500WithTheRequestIdEchoed()
    {
        using var zap = new ZapAuthenticatorHarness();
        ZapAnswer answer = zap.Exchange(B("2.0"), B("req-7"), B("global"), B("127.0.0.1"), B(""), B("NULL"));
        Assert.Equal("500", answer.Status);
        Assert.Equal("1.0", answer.Version);
        Assert.Equal(B("req-7"), answer.RequestId);
        Assert.Equal("", answer.UserId);
        Assert.Equal(1, zap.Auth.MalformedRequestCount);
        Assert.Equal(1, zap.Auth.RequestCount);
    }

    [Fact]
    public void MalformedRequestsGet500AndAreCounted()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.ConfigureCurveAllowAny("*"));
        byte[][] head = [B("1.0"), B("id"), B("global"), B("127.0.0.1"), B("")];
        byte[][][] bodies =
        [
            [],                                          // nothing after the delimiter
            [B("1.0")],                                  // no request id
            [B("1.0"), B("id"), B("global")],            // stops after the domain
            [.. head, B("")],                            // empty mechanism
            [.. head, B("NULL"), B("extra")],            // NULL carries no credentials
            [.. head, B("PLAIN"), B("admin")],           // PLAIN needs username and password
            [.. head, B("CURVE"), new byte[31]],         // CURVE needs one 32-byte key
            [.. head, B("CURVE"), new byte[32], new byte[32]],
        ];
        foreach (byte[][] body in bodies)
        {
            ZapAnswer answer = zap.Exchange(body);
            Assert.Equal("500", answer.Status);
            Assert.Equal(body.Length >= 2 ? body[1] : [], answer.RequestId);
        }
        Assert.Equal(bodies.Length, zap.Auth.MalformedRequestCount);
        Assert.Equal("200", zap.Curve(new byte[32]).Status);
        Assert.Equal(bodies.Length, zap.Auth.MalformedRequestCount);
        Assert.Equal(bodies.Length + 1, zap.Auth.RequestCount);
    }

    [Fact]
    public void MessageWithoutDelimiterIsDroppedAndTheNextIsServed()
    {
        using var zap = new ZapAuthenticatorHarness();
        zap.SendRaw(B("1.0"), B("id"), B("global"), B("127.0.0.1"), B("identity"), B("NULL"));
        // Requests from one DEALER are served in order, so once this answer is here the bad one was seen.
        Assert.Equal("200", zap.Null().Status);
        Assert.Equal(1, zap.Auth.MalformedRequestCount);
        Assert.Equal(1, zap.Auth.RequestCount);
        Assert.Null(zap.Server.TryRecvString());
    }

    [Fact]
    public void ReqServerNeedsNoDelimiter()
    {
        using var zap = new ZapAuthenticatorHarness();
        using Socket req = zap.Context.Create(SocketType.Req);
        req.Connect(ZapAuthenticator.Endpoint);
        req.SendMultipart([B("1.0"), B("0001"), B("test"), B("192.168.55.1"), B("BOB"), B("NULL")]);
        List<byte[]> reply = req.ReceiveMultipart();
        Assert.Equal(["1.0", "0001", "200", "OK", "", ""], reply.Select(f => System.Text.Encoding.UTF8.GetString(f)));
    }

    [Fact]
    public void PipelinedRequestsAreAnsweredInOrder()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.Deny("10.0.0.2"));
        for (int i = 0; i < 3; i++)
            zap.SendRaw([], B("1.0"), B($"n{i}"), B("global"), B($"10.0.0.{i + 1}"), B(""), B("NULL"));
        string[] statuses = new string[3];
        for (int i = 0; i < 3; i++)
        {
            ZapAnswer answer = zap.Receive();
            Assert.Equal(B($"n{i}"), answer.RequestId);
            statuses[i] = answer.Status;
        }
        Assert.Equal(["200", "400", "200"], statuses);
    }

    [Fact]
    public void EachServerGetsItsOwnReply()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.Deny("10.0.0.2"));
        using Socket other = zap.Context.Create(SocketType.Dealer);
        other.Connect(ZapAuthenticator.Endpoint);
        other.SendMultipart([[], B("1.0"), B("other"), B("global"), B("10.0.0.2"), B(""), B("NULL")]);
        ZapAnswer mine = zap.Null("10.0.0.1");
        ZapAnswer theirs = Parse(other.ReceiveMultipart());
        Assert.Equal("200", mine.Status);
        Assert.Equal(B("other"), theirs.RequestId);
        Assert.Equal("400", theirs.Status);
    }

    [Fact]
    public void ProxyEnvelopeComesBackWhole()
    {
        using var zap = new ZapAuthenticatorHarness();
        zap.SendRaw(B("hop-a"), B("hop-b"), [], B("1.0"), B("id"), B("global"), B("127.0.0.1"), B(""), B("NULL"));
        List<byte[]> reply = zap.Server.ReceiveMultipart();
        Assert.Equal(9, reply.Count);
        Assert.Equal(B("hop-a"), reply[0]);
        Assert.Equal(B("hop-b"), reply[1]);
        Assert.Equal("200", Parse(reply.Skip(2).ToList()).Status);
    }

    [Fact]
    public void OverrideAddsMetadataInZmtpPropertyFormat()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
            a.Override = (request, reply) => reply.IsSuccess ? reply.WithMetadata("Hello", "World").WithMetadata("Domain", request.Domain) : reply);
        ZapAnswer answer = zap.Null();
        Assert.Equal("200", answer.Status);
        Dictionary<string, byte[]> properties = answer.Properties;
        Assert.Equal(B("World"), properties["Hello"]);
        Assert.Equal(B("global"), properties["Domain"]);

        // One property on the wire: name length, name, 4-byte big-endian value length, value.
        using var single = new ZapAuthenticatorHarness(a => a.Override = (_, reply) => reply.WithMetadata("X", "ab"));
        Assert.Equal(new byte[] { 1, (byte)'X', 0, 0, 0, 2, (byte)'a', (byte)'b' }, single.Null().Metadata);
    }

    [Fact]
    public void OverrideCanChangeTheVerdict()
    {
        using var zap = new ZapAuthenticatorHarness(a =>
        {
            a.ConfigurePlain("*", new Dictionary<string, string> { ["admin"] = "secret" });
            a.Override = (request, reply) => request.Mechanism switch
            {
                "GSSAPI" => ZapReply.Ok("kerberos-user"),
                _ when request.Username == "admin" && request.Domain == "locked" => ZapReply.TemporaryFailure(),
                _ => reply,
            };
        });
        Assert.Equal("kerberos-user", zap.Ask("global", "127.0.0.1", "GSSAPI", B("token")).UserId);
        Assert.Equal("300", zap.Plain("admin", "secret", domain: "locked").Status);
        Assert.Equal("200", zap.Plain("admin", "secret").Status);
    }

    [Fact]
    public void OverrideSeesTheParsedRequest()
    {
        ZapRequest? seen = null;
        byte[] key = new byte[32];
        key[0] = 7;
        using var zap = new ZapAuthenticatorHarness(a => a.Override = (request, reply) =>
        {
            seen = request;
            return reply;
        });
        zap.Curve(key, address: "::1", domain: "d");
        Assert.NotNull(seen);
        Assert.Equal("d", seen.Domain);
        Assert.Equal("::1", seen.Address);
        Assert.Equal(B("peer-identity"), seen.RoutingId);
        Assert.Equal(key, seen.ClientKey);
        Assert.Equal(Z85.Encode(key), seen.ClientKeyZ85);
        Assert.Null(seen.Username);
    }

    [Fact]
    public void OverrideThatThrowsGives500()
    {
        using var zap = new ZapAuthenticatorHarness(a => a.Override = (_, _) => throw new InvalidOperationException("boom"));
        Assert.Equal("500", zap.Null().Status);
        Assert.Contains(zap.Lines, l => l.Contains("boom"));
        Assert.Equal("500", zap.Null().Status); // the thread lives on
    }

    [Fact]
    public void ReplyRejectsWhatRfc27Forbids()
    {
        Assert.Throws<InvalidOperationException>(() => ZapReply.Denied().WithMetadata("Name", "v"));
        Assert.Throws<ArgumentException>(() => ZapReply.Ok().WithMetadata("bad name", "v"));
        Assert.Throws<ArgumentException>(() => ZapReply.Ok().WithMetadata("", "v"));
        Assert.Throws<ArgumentException>(() => ZapReply.Ok(new string('u', 256)));
        Assert.Equal(500, ZapReply.InternalError().StatusCode);
        Assert.False(ZapReply.TemporaryFailure().IsSuccess);
    }
}
