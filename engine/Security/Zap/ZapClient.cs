using System.Text;
using Zinc.Pipes;

namespace Zinc.Security.Zap;

/// <summary>
/// One handshake's link to the ZAP handler (rfc 27): an inproc pipe to the socket bound at
/// inproc://zeromq.zap.01, which sees it as one more peer (REP or ROUTER). The request goes out
/// from the connection's loop thread; the handler's reply wakes <c>onReadable</c>, which the
/// engine turns into work on its loop. Closed as soon as the reply is read.
/// </summary>
internal sealed class ZapClient : IPipeOwner, IDisposable
{
    public const string Endpoint = "zeromq.zap.01";

    private static readonly byte[] RequestId = "1"u8.ToArray();

    private readonly Action _onReadable;
    private Pipe? _pipe;

    private ZapClient(Action onReadable) => _onReadable = onReadable;

    /// <summary>A link to the context's ZAP handler, or null when none is bound.</summary>
    public static ZapClient? Connect(Core.InprocRegistry registry, Action onReadable)
    {
        var client = new ZapClient(onReadable);
        Pipe? pipe = registry.ConnectService(Endpoint, client);
        if (pipe is null) return null;
        client._pipe = pipe;
        return client;
    }

    /// <summary>Writes the request: delimiter, version, id, domain, address, identity, mechanism, credentials.</summary>
    public void SendRequest(string domain, string address, byte[] identity, string mechanism,
        ReadOnlySpan<byte> credential1, ReadOnlySpan<byte> credential2, int credentials)
    {
        Pipe pipe = _pipe!;
        Write(pipe, default, true, first: true);
        Write(pipe, "1.0"u8, true);
        Write(pipe, RequestId, true);
        Write(pipe, Encoding.UTF8.GetBytes(domain), true);
        Write(pipe, Encoding.ASCII.GetBytes(address), true);
        Write(pipe, identity, true);
        Write(pipe, Encoding.ASCII.GetBytes(mechanism), credentials > 0);
        if (credentials > 0) Write(pipe, credential1, credentials > 1);
        if (credentials > 1) Write(pipe, credential2, false);
        pipe.Flush();
        // The reply may already be there by the time we would park; then nobody wakes us.
        if (!pipe.In.PrepareReaderToPark()) _onReadable();
    }

    private static void Write(Pipe pipe, ReadOnlySpan<byte> data, bool more, bool first = false)
    {
        Msg frame = Msg.Copy(data);
        frame.HasMore = more;
        // The link has no credit limit, so a write only fails once the handler has gone.
        if (!pipe.TryWrite(ref frame, continuation: !first)) frame.Close();
    }

    /// <summary>Reads the reply if it has arrived. Loop thread.</summary>
    public ZapAnswerStatus TryReadReply(out ZapAnswer reply)
    {
        reply = default;
        Pipe? pipe = _pipe;
        if (pipe is null) return ZapAnswerStatus.HandlerGone;
        var frames = new List<byte[]>(7);
        while (true)
        {
            if (!pipe.TryRead(out Msg frame))
            {
                if (frames.Count > 0) break; // a ring holds whole messages: this cannot be half of one
                if (pipe.PeerClosed) return ZapAnswerStatus.HandlerGone;
                if (pipe.In.PrepareReaderToPark()) return ZapAnswerStatus.Pending;
                continue;
            }
            bool more = frame.HasMore;
            frames.Add(frame.ToArray());
            frame.Close();
            if (!more) break;
        }
        return ZapAnswer.Parse(frames, RequestId, out reply);
    }

    void IPipeWaker.Wake() => _onReadable();

    void IPipeOwner.OnPipeTerminated(Pipe pipe) => _onReadable();

    public void Dispose()
    {
        Pipe? pipe = Interlocked.Exchange(ref _pipe, null);
        pipe?.Close(discard: true);
    }
}
