namespace NetMQ;

/// <summary>
/// Forwards messages between a frontend and a backend socket (zmq_proxy), optionally copying each to
/// control sockets, on a poller: its own (<see cref="Start"/> blocks) or one you give (it then only
/// attaches handlers and <see cref="Start"/> returns).
/// </summary>
public class Proxy
{
    private readonly NetMQSocket _frontend, _backend;
    private readonly NetMQSocket? _controlIn, _controlOut;
    private readonly INetMQPoller? _externalPoller;
    private NetMQPoller? _poller;
    private int _state; // 0 stopped, 1 starting/started

    /// <summary>A proxy with one control socket for both directions.</summary>
    public Proxy(NetMQSocket frontend, NetMQSocket backend, NetMQSocket? control = null, INetMQPoller? poller = null)
        : this(frontend, backend, control, control, poller) { }

    /// <summary>A proxy with separate control sockets for each direction.</summary>
    public Proxy(NetMQSocket frontend, NetMQSocket backend, NetMQSocket? controlIn, NetMQSocket? controlOut, INetMQPoller? poller = null)
    {
        _frontend = frontend;
        _backend = backend;
        _controlIn = controlIn;
        _controlOut = controlOut ?? controlIn;
        _externalPoller = poller;
    }

    /// <summary>Starts proxying; blocks until <see cref="Stop"/> unless an external poller was given.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("Proxy has already been started");
        _frontend.ReceiveReady += OnFrontendReady;
        _backend.ReceiveReady += OnBackendReady;
        if (_externalPoller is not null) return;
        _poller = new NetMQPoller();
        _poller.Add(_frontend);
        _poller.Add(_backend);
        try
        {
            _poller.Run();
        }
        finally
        {
            _poller.Dispose();
        }
    }

    /// <summary>Stops proxying (and the proxy's own poller).</summary>
    public void Stop()
    {
        if (Interlocked.CompareExchange(ref _state, 0, 1) != 1) throw new InvalidOperationException("Proxy has not been started");
        _poller?.Stop();
        _frontend.ReceiveReady -= OnFrontendReady;
        _backend.ReceiveReady -= OnBackendReady;
    }

    private void OnFrontendReady(object? sender, NetMQSocketEventArgs e) => Forward(_frontend, _backend, _controlIn);

    private void OnBackendReady(object? sender, NetMQSocketEventArgs e) => Forward(_backend, _frontend, _controlOut);

    private static void Forward(NetMQSocket from, NetMQSocket to, NetMQSocket? control)
    {
        Msg msg = default;
        msg.InitEmpty();
        Msg copy = default;
        try
        {
            while (true)
            {
                from.Receive(ref msg);
                bool more = msg.HasMore;
                if (control is not null)
                {
                    copy.InitEmpty();
                    copy.Copy(ref msg);
                    control.Send(ref copy, more);
                }
                to.Send(ref msg, more);
                if (!more) break;
            }
        }
        finally
        {
            msg.Close();
            if (copy.IsInitialised) copy.Close();
        }
    }
}
