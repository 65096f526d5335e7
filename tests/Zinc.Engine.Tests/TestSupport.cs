using System.Text;

namespace Zinc.Tests;

/// <summary>Helpers that keep every wait bounded: a hang fails in seconds, never stalls CI.</summary>
internal static class TestSupport
{
    public const int TimeoutMs = 5000;

    private static int _counter;

    /// <summary>A unique inproc endpoint per call.</summary>
    public static string Inproc(string hint = "t") => $"inproc://{hint}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}";

    /// <summary>A socket whose blocking calls give up after <see cref="TimeoutMs"/>.</summary>
    public static Socket Create(this Context context, SocketType type, int timeoutMs = TimeoutMs)
    {
        Socket socket = context.CreateSocket(type);
        socket.SetOption(SocketOption.RcvTimeo, timeoutMs);
        socket.SetOption(SocketOption.SndTimeo, timeoutMs);
        return socket;
    }

    public static void SendString(this Socket socket, string text, bool more = false) =>
        socket.Send(Encoding.UTF8.GetBytes(text), more ? SendFlags.SendMore : SendFlags.None);

    public static string RecvString(this Socket socket) => socket.ReceiveString();

    public static void SendFrames(this Socket socket, params string[] frames)
    {
        for (int i = 0; i < frames.Length; i++) socket.SendString(frames[i], i < frames.Length - 1);
    }

    public static string[] RecvFrames(this Socket socket)
    {
        var frames = new List<string> { socket.RecvString() };
        while (socket.HasMore) frames.Add(socket.RecvString());
        return frames.ToArray();
    }

    /// <summary>Receives without blocking; null when nothing is there.</summary>
    public static string? TryRecvString(this Socket socket) =>
        socket.TryReceiveBytes(out byte[] data, ReceiveFlags.DontWait) ? Encoding.UTF8.GetString(data) : null;

    public static ZmqError ErrorOf(Action action)
    {
        try
        {
            action();
            return ZmqError.None;
        }
        catch (ZmqException e)
        {
            return e.Error;
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread and fails the test if it does not finish in time.</summary>
    public static Task RunBounded(Action action) => Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);

    public static void WaitBounded(this Task task, string what = "operation")
    {
        if (!task.Wait(TimeoutMs * 2)) throw new TimeoutException($"{what} did not finish in time");
    }
}
