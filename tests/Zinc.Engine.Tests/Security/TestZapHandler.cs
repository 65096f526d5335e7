using System.Collections.Concurrent;
using System.Text;

namespace Zinc.Tests.Security;

/// <summary>
/// A minimal ZAP handler for tests: a REP socket at inproc://zeromq.zap.01 answering each request
/// with what <see cref="Decide"/> returns, on its own thread; records every request it saw.
/// </summary>
internal sealed class TestZapHandler : IDisposable
{
    private readonly Socket _rep;
    private readonly Thread _thread;
    private volatile bool _stop;

    public TestZapHandler(Context context, Func<List<byte[]>, (string Status, string UserId, byte[] Metadata)> decide)
    {
        Decide = decide;
        _rep = context.Create(SocketType.Rep, 100);
        _rep.SetOption(SocketOption.Linger, 0);
        _rep.Bind("inproc://zeromq.zap.01");
        _thread = new Thread(Run) { IsBackground = true, Name = "test-zap" };
        _thread.Start();
    }

    public Func<List<byte[]>, (string Status, string UserId, byte[] Metadata)> Decide { get; }

    public ConcurrentQueue<List<byte[]>> Requests { get; } = new();

    /// <summary>Accepts everyone, naming the user "user".</summary>
    public static TestZapHandler AllowAll(Context context) => new(context, _ => ("200", "user", Array.Empty<byte>()));

    private void Run()
    {
        while (!_stop)
        {
            List<byte[]> request;
            try
            {
                request = _rep.ReceiveMultipart();
            }
            catch (ZmqException e) when (e.Error == ZmqError.EAGAIN)
            {
                continue;
            }
            catch (ZmqException)
            {
                return;
            }
            Requests.Enqueue(request);
            (string status, string userId, byte[] metadata) = Decide(request);
            _rep.SendMultipart(new[]
            {
                "1.0"u8.ToArray(), request[1], Encoding.ASCII.GetBytes(status), Encoding.ASCII.GetBytes(status == "200" ? "OK" : "no"),
                Encoding.UTF8.GetBytes(userId), metadata,
            });
        }
    }

    /// <summary>ZMTP metadata bytes for one property.</summary>
    public static byte[] Property(string name, string value)
    {
        byte[] n = Encoding.ASCII.GetBytes(name), v = Encoding.UTF8.GetBytes(value);
        var data = new byte[1 + n.Length + 4 + v.Length];
        data[0] = (byte)n.Length;
        n.CopyTo(data, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(1 + n.Length), v.Length);
        v.CopyTo(data, 5 + n.Length);
        return data;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TestSupport.TimeoutMs);
        _rep.Dispose();
    }
}
