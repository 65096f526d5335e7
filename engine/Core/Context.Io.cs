using Zinc.Reactor;

namespace Zinc;

// The IO threads that run network connections: started when the first tcp or ipc endpoint is
// used, one loop per ZMQ_IO_THREADS, each set up from the thread options.
public sealed partial class Context
{
    private IoLoop[]? _loops;
    private int _nextLoop;
    private int _liveSessions;

    /// <summary>A loop for a new connection or listener, round robin over the IO threads; EMTHREAD with none.</summary>
    internal IoLoop ChooseLoop()
    {
        lock (_lock)
        {
            if (_shutdown) throw new ZmqException(ZmqError.ETERM);
            if (_loops is null)
            {
                if (_ioThreads == 0) throw new ZmqException(ZmqError.EMTHREAD, "the context has no IO threads");
                var loops = new IoLoop[_ioThreads];
                for (int i = 0; i < loops.Length; i++)
                {
                    // As libzmq names them ("ZMQbg/IO/0"), behind ZMQ_THREAD_NAME_PREFIX and a slash.
                    string name = _threadNamePrefix.Length == 0 ? $"ZMQbg/IO/{i}" : $"{_threadNamePrefix}/ZMQbg/IO/{i}";
                    loops[i] = CreateLoop(name);
                    loops[i].Start(new ThreadSetup(name, _affinity.ToArray(), _threadSchedPolicy, _threadPriority, IoThreadsBlockSignals));
                }
                _loops = loops;
            }
            return _loops[_nextLoop++ % _loops.Length];
        }
    }

    /// <summary>
    /// Set by the C ABI: the IO threads block asynchronous signals, like libzmq's, so a signal
    /// sent to the process (Ctrl-C) is handled on an application thread, where it interrupts a
    /// blocking call with EINTR, rather than on an IO thread.
    /// </summary>
    internal bool IoThreadsBlockSignals { get; set; }

    private IoLoop CreateLoop(string name) => IoLoopFactory.Create(name, _ioBackend);

    private IoBackend _ioBackend = IoBackend.Auto;

    /// <summary>
    /// The IO threads' event backend: io_uring where the kernel and liburing allow it, else
    /// epoll (Auto; the ZINC_IO_BACKEND environment variable may say "epoll"). Set before the
    /// first tcp or ipc endpoint is used.
    /// </summary>
    public IoBackend IoBackend
    {
        get { lock (_lock) return _ioBackend; }
        set
        {
            lock (_lock)
            {
                if (_loops is not null) throw new ZmqException(ZmqError.EFSM, "the IO threads are already running");
                _ioBackend = value;
            }
        }
    }

    /// <summary>The backend <see cref="IoBackend"/> resolves to on this machine (Epoll or IoUring).</summary>
    public IoBackend ActiveIoBackend
    {
        get
        {
            IoBackend preferred = IoBackend;
            try
            {
                return IoLoopFactory.Resolve(preferred);
            }
            catch (NotSupportedException)
            {
                return IoBackend.Epoll;
            }
        }
    }

    internal void OnSessionStarted()
    {
        lock (_lock) _liveSessions++;
    }

    internal void OnSessionEnded()
    {
        lock (_lock)
        {
            _liveSessions--;
            Monitor.PulseAll(_lock);
        }
    }

    private void StopIoLoops()
    {
        IoLoop[]? loops;
        lock (_lock)
        {
            loops = _loops;
            _loops = null;
        }
        if (loops is null) return;
        foreach (IoLoop loop in loops) loop.Dispose();
    }
}
