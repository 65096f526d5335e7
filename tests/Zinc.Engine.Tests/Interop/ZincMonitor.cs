using System.Diagnostics;

namespace Zinc.Tests.Interop;

/// <summary>Reads a Zinc socket's monitor events with bounded waits.</summary>
internal sealed class ZincMonitor : IDisposable
{
    private readonly Socket _pair;

    /// <summary>Attach before the socket binds or connects, so no event is missed.</summary>
    public ZincMonitor(Context context, Socket socket, SocketEvents events = SocketEvents.All)
    {
        string endpoint = TestSupport.Inproc("monitor");
        socket.Monitor(endpoint, events);
        _pair = context.Create(SocketType.Pair);
        _pair.SetOption(SocketOption.Linger, 0);
        _pair.Connect(endpoint);
    }

    public List<MonitorEvent> Seen { get; } = [];

    /// <summary>Skips events until one in <paramref name="wanted"/>; null if none within the wait.</summary>
    public MonitorEvent? WaitFor(SocketEvents wanted, int timeoutMs = Interop.WaitMs)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < timeoutMs)
        {
            _pair.SetOption(SocketOption.RcvTimeo, (int)Math.Max(1, timeoutMs - clock.ElapsedMilliseconds));
            if (!MonitorEvent.TryReceive(_pair, out MonitorEvent ev)) return null;
            Seen.Add(ev);
            if ((ev.Event & wanted) != 0) return ev;
        }
        return null;
    }

    public string Describe() => string.Join(", ", Seen.Select(e => $"{e.Event}({e.Value})"));

    public void Dispose() => _pair.Dispose();
}
