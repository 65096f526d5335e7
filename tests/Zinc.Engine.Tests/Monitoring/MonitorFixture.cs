namespace Zinc.Tests.Monitoring;

/// <summary>A monitored socket and a reader PAIR connected to its monitor endpoint.</summary>
internal sealed class MonitorFixture : IDisposable
{
    public MonitorFixture(SocketEvents events = SocketEvents.All, int readerRcvHwm = -1)
    {
        Context = new Context();
        Socket = Context.Create(SocketType.Pair);
        Endpoint = TestSupport.Inproc("monitor");
        Socket.Monitor(Endpoint, events);
        Reader = Context.Create(SocketType.Pair);
        if (readerRcvHwm >= 0) Reader.SetOption(SocketOption.RcvHwm, readerRcvHwm);
        Reader.Connect(Endpoint);
    }

    public Context Context { get; }

    public Socket Socket { get; }

    public Socket Reader { get; }

    public string Endpoint { get; }

    /// <summary>Everything emitted so far was sent synchronously, so nothing more is queued when this is false.</summary>
    public bool TryReadNow(out MonitorEvent ev)
    {
        Reader.SetOption(SocketOption.RcvTimeo, 0);
        try
        {
            return MonitorEvent.TryReceive(Reader, out ev);
        }
        finally
        {
            Reader.SetOption(SocketOption.RcvTimeo, TestSupport.TimeoutMs);
        }
    }

    public void Dispose()
    {
        Socket.Dispose();
        Reader.Dispose();
        Context.Dispose();
    }
}
