namespace NetMQ;

/// <summary>
/// The process-wide context NetMQ sockets are created in (NetMQ has one shared context, created on
/// first use and terminated by <see cref="Cleanup"/>).
/// </summary>
public static class NetMQConfig
{
    private static readonly object Gate = new();
    private static Zinc.Context? _context;
    private static TimeSpan _linger = TimeSpan.Zero;
    private static int _threadPoolSize = 1;
    private static int _maxSockets = 1024;

    internal static Zinc.Context Context
    {
        get
        {
            lock (Gate)
            {
                if (_context is null || _context.IsTerminated)
                {
                    _context = new Zinc.Context();
                    _context.IoThreads = _threadPoolSize;
                    _context.MaxSockets = _maxSockets;
                }
                return _context;
            }
        }
    }

    /// <summary>The linger given to new sockets (NetMQ's default is zero).</summary>
    public static TimeSpan Linger
    {
        get { lock (Gate) return _linger; }
        set { lock (Gate) _linger = value; }
    }

    /// <summary>Number of IO threads of the shared context (applies to the context created next).</summary>
    public static int ThreadPoolSize
    {
        get { lock (Gate) return _threadPoolSize; }
        set { lock (Gate) _threadPoolSize = value; }
    }

    /// <summary>Maximum number of sockets of the shared context (applies to the context created next).</summary>
    public static int MaxSockets
    {
        get { lock (Gate) return _maxSockets; }
        set { lock (Gate) _maxSockets = value; }
    }

    /// <summary>
    /// Terminates the shared context; the next socket creates a new one. With <paramref name="block"/>
    /// (zmq_ctx_term) it waits until every socket of the context is closed and their pending messages
    /// are sent as their linger allows. Without, blocked calls fail with <see cref="TerminatingException"/>
    /// (zmq_ctx_shutdown) and the context is terminated in the background once its sockets are closed.
    /// </summary>
    public static void Cleanup(bool block = true)
    {
        Zinc.Context? context;
        lock (Gate) { context = _context; _context = null; }
        if (context is null) return;
        if (block)
        {
            context.Terminate();
            return;
        }
        context.Shutdown();
        new Thread(context.Terminate) { IsBackground = true, Name = "NetMQConfig.Cleanup" }.Start();
    }

    /// <summary>Kept for source compatibility: the shared context is always managed here.</summary>
    public static void ManualTerminationTakeOver() { }

    /// <summary>Terminates the shared context (as <see cref="Cleanup"/>).</summary>
    public static void ContextTerminate(bool block = true) => Cleanup(block);

    /// <summary>Creates the shared context now (it is otherwise created on first use).</summary>
    public static void ContextCreate(bool block = false) => _ = Context;
}
