using System.Runtime.ExceptionServices;

namespace Zinc.Bench;

// When a run fails, both sides usually report something: the side that failed first has the
// cause and the other sees ETERM from the shutdown that followed. This picks the cause.
internal static class RunOutcome
{
    public static void ThrowIfFailed(string implementation, BenchSpec spec, bool timedOut, Exception? error, Exception? peerFailure)
    {
        if (timedOut)
            throw new TimeoutException($"no result after {spec.Timeout.TotalSeconds:F0} s" +
                (peerFailure is null ? "" : $" ({implementation} peer failed: {peerFailure.Message})"));
        if (error is not null && !IsTerminated(error)) ExceptionDispatchInfo.Throw(error);
        if (peerFailure is not null)
            throw new InvalidOperationException($"{implementation} peer failed: {peerFailure.Message}", peerFailure);
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    private static bool IsTerminated(Exception e) =>
        e is ZmqException { Error: ZmqError.ETERM } || e is LibZmqException { Errno: LibZmq.ETERM };
}
