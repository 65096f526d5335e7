using System.Collections.Concurrent;
using Zinc.Reactor;

namespace Zinc.Tests.Reactor;

/// <summary>
/// An <see cref="IIoHandler"/> that records everything it is told, checks every call comes on
/// the loop thread, and flags calls that should not happen (data while paused, anything after
/// unregistering or after the stream closed).
/// </summary>
internal sealed class RecordingHandler : IIoHandler
{
    private readonly IoLoop _loop;
    private readonly object _gate = new();
    private readonly List<byte> _received = new();
    private readonly ConcurrentQueue<string> _violations = new();

    public RecordingHandler(IoLoop loop) => _loop = loop;

    /// <summary>Set on the loop thread by the test around PauseReceiving/ResumeReceiving.</summary>
    public bool Paused { get; set; }

    /// <summary>Set on the loop thread right before Unregister.</summary>
    public bool Unregistered { get; set; }

    /// <summary>Called (on the loop thread) after each chunk is recorded.</summary>
    public Action<int>? AfterReceive { get; set; }

    public int ReceiveCalls { get; private set; }

    public BlockingCollection<int> Accepted { get; } = new();

    public BlockingCollection<int> AcceptFailures { get; } = new();

    public ManualResetEventSlim Writable { get; } = new();

    public ManualResetEventSlim Closed { get; } = new();

    public int ClosedErrno { get; private set; } = -1;

    public int ReceivedCount
    {
        get
        {
            lock (_gate) return _received.Count;
        }
    }

    public byte[] Received()
    {
        lock (_gate) return _received.ToArray();
    }

    public IReadOnlyCollection<string> Violations => _violations;

    public void OnReceived(ReadOnlySpan<byte> data)
    {
        Check("OnReceived");
        if (Paused) _violations.Enqueue($"OnReceived({data.Length}) while paused");
        if (Closed.IsSet) _violations.Enqueue("OnReceived after OnReceiveClosed");
        if (data.IsEmpty) _violations.Enqueue("OnReceived with no bytes");
        int total;
        lock (_gate)
        {
            foreach (byte b in data) _received.Add(b);
            total = _received.Count;
            Monitor.PulseAll(_gate);
        }
        ReceiveCalls++;
        AfterReceive?.Invoke(total);
    }

    public void OnReceiveClosed(int errno)
    {
        Check("OnReceiveClosed");
        if (Closed.IsSet) _violations.Enqueue("OnReceiveClosed twice");
        ClosedErrno = errno;
        Closed.Set();
    }

    public void OnAccepted(int fd)
    {
        Check("OnAccepted");
        Accepted.Add(fd);
    }

    public void OnAcceptFailed(int errno)
    {
        Check("OnAcceptFailed");
        AcceptFailures.Add(errno);
    }

    public void OnWritable()
    {
        Check("OnWritable");
        Writable.Set();
    }

    private void Check(string call)
    {
        if (!_loop.IsLoopThread) _violations.Enqueue($"{call} off the loop thread");
        if (Unregistered) _violations.Enqueue($"{call} after Unregister");
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> bytes arrived.</summary>
    public bool WaitForBytes(int count)
    {
        long deadline = Environment.TickCount64 + TestSupport.TimeoutMs;
        lock (_gate)
        {
            while (_received.Count < count)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0) return false;
                Monitor.Wait(_gate, (int)left);
            }
        }
        return true;
    }
}
