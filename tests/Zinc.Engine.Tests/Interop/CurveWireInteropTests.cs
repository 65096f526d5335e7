using System.Text;
using Zinc.Tests.Transports;

namespace Zinc.Tests.Interop;

/// <summary>CURVE on the wire against libzmq 4.3.4 (python3-zmq): handshake and MESSAGE boxes both ways.</summary>
public sealed class CurveWireInteropTests
{
    private static string X(byte[] bytes) => "x:" + Convert.ToHexString(bytes);

    [Theory]
    [InlineData(IoBackend.Epoll)]
    [InlineData(IoBackend.IoUring)]
    public void Zinc_curve_server_talks_to_libzmq_client(IoBackend backend)
    {
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using var ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(SocketType.Dealer);
        zinc.SetOption(SocketOption.CurveServer, true);
        zinc.SetOption(SocketOption.CurveSecretKey, serverKeys.SecretKey);
        zinc.Bind("tcp://127.0.0.1:*");
        using var lib = LibzmqPeer.Connect("DEALER", zinc.LastEndpoint,
            "CURVE_SERVERKEY=" + X(serverKeys.PublicKey), "CURVE_PUBLICKEY=" + X(clientKeys.PublicKey), "CURVE_SECRETKEY=" + X(clientKeys.SecretKey));
        Exchange(zinc, lib);
    }

    [Theory]
    [InlineData(IoBackend.Epoll)]
    [InlineData(IoBackend.IoUring)]
    public void Zinc_curve_client_talks_to_libzmq_server(IoBackend backend)
    {
        CurveKeyPair serverKeys = Curve.GenerateKeyPair(), clientKeys = Curve.GenerateKeyPair();
        using var lib = LibzmqPeer.Bind("DEALER", "tcp://127.0.0.1:*", "CURVE_SERVER=1", "CURVE_SECRETKEY=" + X(serverKeys.SecretKey));
        using var ctx = StreamTestSupport.NewContext(backend);
        using Socket zinc = ctx.CreateStream(SocketType.Dealer);
        zinc.SetOption(SocketOption.CurveServerKey, serverKeys.PublicKeyZ85);
        zinc.SetOption(SocketOption.CurvePublicKey, clientKeys.PublicKey);
        zinc.SetOption(SocketOption.CurveSecretKey, clientKeys.SecretKey);
        zinc.Connect(lib.Endpoint);
        Exchange(zinc, lib);
    }

    private static void Exchange(Socket zinc, LibzmqPeer lib)
    {
        zinc.SendFrames("hello", "", "world");
        Assert.Equal(new[] { "hello", "", "world" }, lib.RecvStrings());
        lib.Send(Encoding.UTF8.GetBytes("back"), new byte[70000]);
        Assert.Equal(new[] { "back", Encoding.UTF8.GetString(new byte[70000]) }, zinc.RecvFrames());
        for (int i = 0; i < 200; i++) zinc.SendString(i.ToString());
        for (int i = 0; i < 200; i++) Assert.Equal(i.ToString(), lib.RecvStrings().Single());
        for (int i = 0; i < 200; i++) lib.Send(Encoding.UTF8.GetBytes(i.ToString()));
        for (int i = 0; i < 200; i++) Assert.Equal(i.ToString(), zinc.RecvString());
    }
}
