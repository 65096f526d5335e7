using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zinc.Tests.Transports;

/// <summary>
/// A plain (non-ZeroMQ) byte-stream peer for STREAM socket tests: a System.Net.Sockets socket
/// over tcp or a unix domain socket, every read bounded by <see cref="TestSupport.TimeoutMs"/>.
/// </summary>
internal sealed class RawPeer : IDisposable
{
    private readonly System.Net.Sockets.Socket _socket;

    public RawPeer(System.Net.Sockets.Socket socket)
    {
        _socket = socket;
        _socket.ReceiveTimeout = TestSupport.TimeoutMs;
        _socket.SendTimeout = TestSupport.TimeoutMs;
    }

    /// <summary>Connects to a "tcp://host:port" or "ipc:///path" endpoint a Zinc socket bound.</summary>
    public static RawPeer Connect(string endpoint)
    {
        System.Net.Sockets.Socket socket;
        EndPoint target;
        if (endpoint.StartsWith("ipc://", StringComparison.Ordinal))
        {
            socket = new System.Net.Sockets.Socket(AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(endpoint["ipc://".Length..]);
        }
        else
        {
            socket = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, ProtocolType.Tcp);
            target = new IPEndPoint(IPAddress.Loopback, StreamTestSupport.PortOf(endpoint));
        }
        socket.Connect(target);
        return new RawPeer(socket);
    }

    /// <summary>Accepts one connection on <paramref name="listener"/>, bounded.</summary>
    public static RawPeer Accept(TcpListener listener)
    {
        Task<System.Net.Sockets.Socket> accept = listener.AcceptSocketAsync();
        if (!accept.Wait(TestSupport.TimeoutMs)) throw new TimeoutException("no connection to accept");
        return new RawPeer(accept.Result);
    }

    public void Write(byte[] data) => _socket.Send(data);

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Stops sending: the other side reads end of stream, and may still write back.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads exactly <paramref name="count"/> bytes (whatever chunks they come in).</summary>
    public byte[] ReadExactly(int count)
    {
        var data = new byte[count];
        int at = 0;
        while (at < count)
        {
            int n = _socket.Receive(data, at, count - at, SocketFlags.None);
            if (n == 0) throw new Xunit.Sdk.XunitException($"the connection ended after {at} of {count} bytes");
            at += n;
        }
        return data;
    }

    public string ReadString(int length) => Encoding.UTF8.GetString(ReadExactly(length));

    /// <summary>True once the other side has closed: the next read returns end of stream (bounded).</summary>
    public bool ReadsEndOfStream()
    {
        var one = new byte[1];
        try
        {
            return _socket.Receive(one) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => _socket.Dispose();
}
