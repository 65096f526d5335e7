using Zinc.Core;
using Zinc.Pipes;

namespace Zinc;

/// <summary>
/// A ZeroMQ context: owns sockets, the inproc namespace and (for network transports) the IO
/// threads. Thread-safe. <see cref="Terminate"/> makes blocking calls in other threads return
/// ETERM and waits until every socket is closed.
/// </summary>
public sealed partial class Context : IDisposable
{
    /// <summary>The largest MAX_SOCKETS value accepted (ZMQ_SOCKET_LIMIT).</summary>
    public const int SocketLimit = 65535;

    private readonly object _lock = new();
    private readonly List<Socket> _sockets = new();
    private readonly HashSet<int> _affinity = new();
    private int _ioThreads = 1;
    private int _maxSockets = 1023;
    private int _maxMsgSize = int.MaxValue;
    private int _threadPriority = -1;
    private int _threadSchedPolicy = -1;
    private string _threadNamePrefix = "";
    private bool _ipv6;
    private bool _blocky = true;
    private bool _zeroCopyRecv = true;
    private bool _shutdown;
    private bool _terminated;

    /// <summary>Creates a context with libzmq's defaults.</summary>
    public Context()
    {
    }

    internal InprocRegistry Inproc { get; } = new();

    // ZINC_SPIN_ITERATIONS sets the default for every context (busy-poll setups and benchmarks).
    internal WaitStrategy WaitStrategy { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("ZINC_SPIN_ITERATIONS"), out int spins) && spins >= 0
            ? new WaitStrategy(spins)
            : WaitStrategy.Default;

    /// <summary>ZMQ_IO_THREADS.</summary>
    public int IoThreads
    {
        get => GetOption(ContextOption.IoThreads);
        set => SetOption(ContextOption.IoThreads, value);
    }

    /// <summary>ZMQ_MAX_SOCKETS.</summary>
    public int MaxSockets
    {
        get => GetOption(ContextOption.MaxSockets);
        set => SetOption(ContextOption.MaxSockets, value);
    }

    /// <summary>Iterations a blocked call spins before parking (0 parks at once).</summary>
    public int SpinIterations
    {
        get => WaitStrategy.SpinIterations;
        set
        {
            if (value < 0) throw new ZmqException(ZmqError.EINVAL);
            WaitStrategy = new WaitStrategy(value);
        }
    }

    /// <summary>Sets a context option (zmq_ctx_set).</summary>
    public void SetOption(ContextOption option, int value)
    {
        lock (_lock)
        {
            switch (option)
            {
                case ContextOption.IoThreads when value >= 0: _ioThreads = value; break;
                // libzmq 4.3.4 takes any positive count, above ZMQ_SOCKET_LIMIT too (checked).
                case ContextOption.MaxSockets when value >= 1: _maxSockets = value; break;
                case ContextOption.ThreadPriority: _threadPriority = value; break;
                case ContextOption.ThreadSchedPolicy: _threadSchedPolicy = value; break;
                case ContextOption.MaxMsgSz when value >= 0: _maxMsgSize = value; break;
                case ContextOption.ThreadAffinityCpuAdd when value >= 0: _affinity.Add(value); break;
                case ContextOption.ThreadAffinityCpuRemove when value >= 0:
                    if (!_affinity.Remove(value)) throw new ZmqException(ZmqError.EINVAL, "CPU not in the affinity set");
                    break;
                case ContextOption.ZeroCopyRecv when value is 0 or 1: _zeroCopyRecv = value == 1; break;
                case ContextOption.Ipv6 when value is 0 or 1: _ipv6 = value == 1; break;
                case ContextOption.Blocky when value is 0 or 1: _blocky = value == 1; break;
                default: throw new ZmqException(ZmqError.EINVAL, $"{option} = {value}");
            }
        }
    }

    /// <summary>Sets ZMQ_THREAD_NAME_PREFIX.</summary>
    public void SetOption(ContextOption option, string value)
    {
        if (option != ContextOption.ThreadNamePrefix) throw new ZmqException(ZmqError.EINVAL);
        lock (_lock) _threadNamePrefix = value;
    }

    /// <summary>Reads a context option (zmq_ctx_get).</summary>
    public int GetOption(ContextOption option)
    {
        lock (_lock)
        {
            return option switch
            {
                ContextOption.IoThreads => _ioThreads,
                ContextOption.MaxSockets => _maxSockets,
                ContextOption.SocketLimit => SocketLimit,
                ContextOption.ThreadSchedPolicy => _threadSchedPolicy,
                ContextOption.MaxMsgSz => _maxMsgSize,
                ContextOption.MsgTSize => System.Runtime.CompilerServices.Unsafe.SizeOf<Msg>(),
                ContextOption.ZeroCopyRecv => _zeroCopyRecv ? 1 : 0,
                ContextOption.Ipv6 => _ipv6 ? 1 : 0,
                ContextOption.Blocky => _blocky ? 1 : 0,
                _ => throw new ZmqException(ZmqError.EINVAL, option.ToString()),
            };
        }
    }

    /// <summary>ZMQ_THREAD_NAME_PREFIX.</summary>
    public string ThreadNamePrefix
    {
        get { lock (_lock) return _threadNamePrefix; }
    }

    /// <summary>Creates a socket (zmq_socket): ETERM after shutdown, EMFILE past MAX_SOCKETS, EINVAL for an unsupported type.</summary>
    public Socket CreateSocket(SocketType type)
    {
        lock (_lock)
        {
            if (_shutdown) throw new ZmqException(ZmqError.ETERM);
            if (_sockets.Count >= _maxSockets) throw new ZmqException(ZmqError.EMFILE);
            var socket = new Socket(this, type);
            if (_ipv6) socket.Options.Set(SocketOption.Ipv6, 1);
            _sockets.Add(socket);
            return socket;
        }
    }

    /// <summary>Number of sockets not yet closed.</summary>
    public int SocketCount
    {
        get { lock (_lock) return _sockets.Count; }
    }

    /// <summary>zmq_ctx_shutdown: blocking calls return ETERM, new sockets are refused; does not wait.</summary>
    public void Shutdown()
    {
        Socket[] sockets;
        lock (_lock)
        {
            if (_shutdown) return;
            _shutdown = true;
            sockets = _sockets.ToArray();
        }
        foreach (Socket socket in sockets) socket.Stop();
    }

    /// <summary>zmq_ctx_term: shuts down, then waits until every socket is closed.</summary>
    public void Terminate()
    {
        Shutdown();
        lock (_lock)
        {
            while (_sockets.Count > 0) Monitor.Wait(_lock);
            // Network sessions keep sending within their LINGER after their socket closed.
            while (_liveSessions > 0) Monitor.Wait(_lock);
            _terminated = true;
        }
        StopIoLoops();
    }

    /// <summary>True once <see cref="Terminate"/> has finished.</summary>
    public bool IsTerminated
    {
        get { lock (_lock) return _terminated; }
    }

    /// <summary>Terminates the context (see <see cref="Terminate"/>).</summary>
    public void Dispose() => Terminate();

    internal void OnSocketClosed(Socket socket)
    {
        lock (_lock)
        {
            _sockets.Remove(socket);
            Monitor.PulseAll(_lock);
        }
    }
}
