using System.Net;
using System.Net.Sockets;
using System.Text;
using Zinc.Tests.Transports;
using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>
/// Zinc's STREAM socket with libzmq 4.3.4's (python3-zmq) on the other end: either side binding,
/// over tcp and ipc, and the HTTP-style exchange of zmq_socket(3)'s example with either side
/// serving. Both sides speak raw bytes, so each is the other's "non-ZeroMQ peer".
/// </summary>
public sealed class StreamInteropTests
{
    public static TheoryData<string> Transports => new() { "tcp", "ipc" };

    private const string Request = "GET / HTTP/1.0\r\nHost: zinc\r\n\r\n";
    private const string Response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHello, World!";

    private static byte[] ExpectNotification(IEnd end)
    {
        byte[][] message = Recv(end);
        Assert.Equal(2, message.Length);
        Assert.Empty(message[1]);
        return message[0];
    }

    // A read's worth of bytes is one message: gather the chunks until the text is whole.
    private static string RecvTextFrom(IEnd end, byte[] id, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            byte[][] message = Recv(end);
            Assert.Equal(2, message.Length);
            Assert.Equal(id, message[0]);
            Assert.NotEmpty(message[1]);
            text.Append(S(message[1]));
        }
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Libzmq_stream_connects_to_zinc_stream(string transport)
    {
        using var ctx = new Context();
        using IEnd zinc = Make(ctx, zinc: true, SocketType.Stream, bind: true, BindEndpoint(transport));
        using IEnd libzmq = Make(ctx, zinc: false, SocketType.Stream, bind: false, zinc.Endpoint);

        byte[] zincSideId = ExpectNotification(zinc);
        byte[] libzmqSideId = ExpectNotification(libzmq);
        libzmq.Send(libzmqSideId, B("hello"));
        Assert.Equal("hello", RecvTextFrom(zinc, zincSideId, 5));
        zinc.Send(zincSideId, B("world"));
        Assert.Equal("world", RecvTextFrom(libzmq, libzmqSideId, 5));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public void Zinc_stream_connects_to_libzmq_stream(string transport)
    {
        using var ctx = new Context();
        using IEnd libzmq = Make(ctx, zinc: false, SocketType.Stream, bind: true, BindEndpoint(transport));
        using IEnd zinc = Make(ctx, zinc: true, SocketType.Stream, bind: false, libzmq.Endpoint);

        byte[] zincSideId = ExpectNotification(zinc);
        byte[] libzmqSideId = ExpectNotification(libzmq);
        zinc.Send(zincSideId, B("ping"));
        Assert.Equal("ping", RecvTextFrom(libzmq, libzmqSideId, 4));
        libzmq.Send(libzmqSideId, B("pong"));
        Assert.Equal("pong", RecvTextFrom(zinc, zincSideId, 4));
    }

    [Fact]
    public void Http_exchange_with_zinc_serving_a_libzmq_client()
    {
        using var ctx = new Context();
        using IEnd server = Make(ctx, zinc: true, SocketType.Stream, bind: true, "tcp://127.0.0.1:*");
        using IEnd client = Make(ctx, zinc: false, SocketType.Stream, bind: false, server.Endpoint);
        Serve(server, client);
    }

    [Fact]
    public void Http_exchange_with_libzmq_serving_a_zinc_client()
    {
        using var ctx = new Context();
        using IEnd server = Make(ctx, zinc: false, SocketType.Stream, bind: true, "tcp://127.0.0.1:*");
        using IEnd client = Make(ctx, zinc: true, SocketType.Stream, bind: false, server.Endpoint, "RECONNECT_IVL=-1");
        Serve(server, client);
    }

    // The man page's server: read the request, answer, close with [id][""]. The client sees the
    // answer and then its connection's disconnect notification.
    private static void Serve(IEnd server, IEnd client)
    {
        byte[] clientSideId = ExpectNotification(client);
        byte[] serverSideId = ExpectNotification(server);
        client.Send(clientSideId, B(Request));
        Assert.Equal(Request, RecvTextFrom(server, serverSideId, Request.Length));
        server.Send(serverSideId, B(Response));
        server.Send(serverSideId, Array.Empty<byte>());
        Assert.Equal(Response, RecvTextFrom(client, clientSideId, Response.Length));
        Assert.Equal(clientSideId, ExpectNotification(client));
    }

    [Fact]
    public void Libzmq_stream_keeps_its_routing_id_across_a_reconnect()
    {
        // What Zinc's connecting STREAM does too (StreamSocketTests): the pipe, and with it the
        // routing id, outlives the connection; each new connection is announced again.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            string endpoint = $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            using LibzmqPeer libzmq = LibzmqPeer.Connect("STREAM", endpoint, "RECONNECT_IVL=10");
            byte[] id;
            using (RawPeer first = RawPeer.Accept(listener))
            {
                id = ExpectNotification(libzmq);
            }
            Assert.Equal(id, ExpectNotification(libzmq));
            using RawPeer second = RawPeer.Accept(listener);
            Assert.Equal(id, ExpectNotification(libzmq));
            libzmq.Send(id, B("again"));
            Assert.Equal("again", second.ReadString(5));
        }
        finally
        {
            listener.Stop();
        }
    }
}
