using System.Collections.Concurrent;
using System.Text;
using Zinc.Security.Zap;

namespace Zinc.Tests.Security;

/// <summary>A ZAP reply as a DEALER server receives it, after the empty delimiter.</summary>
internal sealed record ZapAnswer(string Version, byte[] RequestId, string Status, string Text, string UserId, byte[] Metadata)
{
    public Dictionary<string, byte[]> Properties => ZapMetadata.Decode(Metadata) ?? throw new InvalidDataException("bad metadata frame");
}

/// <summary>
/// A context with a started <see cref="ZapAuthenticator"/> and a DEALER connected to it playing
/// the server side of ZAP. Every receive is bounded by the socket's RCVTIMEO.
/// </summary>
internal sealed class ZapAuthenticatorHarness : IDisposable
{
    private int _nextId;

    public ZapAuthenticatorHarness(Action<ZapAuthenticator>? configure = null)
    {
        Context = new Context();
        Auth = new ZapAuthenticator(Context) { Log = Lines.Enqueue };
        configure?.Invoke(Auth);
        Auth.Start();
        Server = Context.Create(SocketType.Dealer);
        Server.SetOption(SocketOption.Linger, 0);
        Server.Connect(ZapAuthenticator.Endpoint);
    }

    public Context Context { get; }

    public ZapAuthenticator Auth { get; }

    public Socket Server { get; }

    public ConcurrentQueue<string> Lines { get; } = new();

    public static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public ZapAnswer Null(string address = "127.0.0.1", string domain = "global") =>
        Ask(domain, address, ZapRequest.NullMechanism);

    public ZapAnswer Plain(string user, string password, string address = "127.0.0.1", string domain = "global") =>
        Ask(domain, address, ZapRequest.PlainMechanism, B(user), B(password));

    public ZapAnswer Curve(byte[] clientKey, string address = "127.0.0.1", string domain = "global") =>
        Ask(domain, address, ZapRequest.CurveMechanism, clientKey);

    /// <summary>A well-formed request; checks the reply echoes its request id.</summary>
    public ZapAnswer Ask(string domain, string address, string mechanism, params byte[][] credentials)
    {
        byte[] id = B($"id-{++_nextId}");
        var body = new List<byte[]> { B("1.0"), id, B(domain), B(address), B("peer-identity"), B(mechanism) };
        body.AddRange(credentials);
        ZapAnswer answer = Exchange(body.ToArray());
        Assert.Equal(id, answer.RequestId);
        return answer;
    }

    /// <summary>Sends the empty delimiter and <paramref name="body"/>; returns the reply.</summary>
    public ZapAnswer Exchange(params byte[][] body)
    {
        SendRaw([[], .. body]);
        return Receive();
    }

    public void SendRaw(params byte[][] frames) => Server.SendMultipart(frames);

    public ZapAnswer Receive() => Parse(Server.ReceiveMultipart());

    public static ZapAnswer Parse(List<byte[]> frames)
    {
        Assert.Equal(7, frames.Count);
        Assert.Empty(frames[0]);
        string S(int i) => Encoding.UTF8.GetString(frames[i]);
        return new ZapAnswer(S(1), frames[2], S(3), S(4), S(5), frames[6]);
    }

    public void Dispose()
    {
        Server.Dispose();
        Auth.Dispose();
        Context.Dispose();
    }
}
