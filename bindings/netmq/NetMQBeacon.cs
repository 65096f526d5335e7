using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using NetMQ.Sockets;

namespace NetMQ;

/// <summary>A beacon received by <see cref="NetMQBeacon"/>.</summary>
public readonly struct BeaconMessage
{
    internal BeaconMessage(byte[] bytes, string peerHost, int peerPort)
    {
        Bytes = bytes;
        PeerHost = peerHost;
        PeerAddress = peerHost + ":" + peerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The beacon's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The beacon as UTF-8 text.</summary>
    public string String => Encoding.UTF8.GetString(Bytes ?? Array.Empty<byte>());

    /// <summary>The sender's address and UDP port ("ip:port").</summary>
    public string PeerAddress { get; }

    /// <summary>The sender's IP address.</summary>
    public string PeerHost { get; }
}

/// <summary>Arguments of <see cref="NetMQBeacon.ReceiveReady"/>.</summary>
public class NetMQBeaconEventArgs : EventArgs
{
    /// <summary>Arguments for <paramref name="beacon"/>.</summary>
    public NetMQBeaconEventArgs(NetMQBeacon beacon) => Beacon = beacon;

    /// <summary>The beacon with a message waiting.</summary>
    public NetMQBeacon Beacon { get; }
}

/// <summary>
/// UDP broadcast discovery: <see cref="Publish(byte[], TimeSpan)"/> broadcasts a payload on a port at
/// an interval, <see cref="Subscribe"/> receives the payloads that start with a prefix (including this
/// beacon's own, as with NetMQ). A background thread does the UDP work and hands received beacons to
/// a PAIR socket, so the beacon can sit in a <see cref="NetMQPoller"/>.
/// </summary>
public class NetMQBeacon : IDisposable, ISocketPollable
{
    private const int MaxBeaconSize = 255;
    private readonly PairSocket _reader, _writer;
    private readonly NetMQBeaconEventArgs _args;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private EventHandler<NetMQBeaconEventArgs>? _receiveReady;
    private System.Net.Sockets.Socket? _udp;
    private IPEndPoint? _broadcast;
    private byte[]? _publish;
    private TimeSpan _interval;
    private long _nextPublish;
    private byte[]? _filter;
    private volatile bool _stop;
    private int _disposed;

    /// <summary>A beacon; call <see cref="Configure"/> before publishing or subscribing.</summary>
    public NetMQBeacon()
    {
        PairSocket.CreateSocketPair(out _writer, out _reader);
        _args = new NetMQBeaconEventArgs(this);
        _thread = new Thread(Loop) { IsBackground = true, Name = "NetMQBeacon" };
        _thread.Start();
    }

    /// <summary>The host name of the interface bound to.</summary>
    public string? HostName { get; private set; }

    /// <summary>The IP address of the interface bound to.</summary>
    public string? BoundTo { get; private set; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    NetMQSocket ISocketPollable.Socket => _reader;

    /// <summary>Raised by a poller when a beacon was received.</summary>
    public event EventHandler<NetMQBeaconEventArgs> ReceiveReady
    {
        add { if (_receiveReady is null) _reader.ReceiveReady += OnReaderReady; _receiveReady += value; }
        remove { _receiveReady -= value; if (_receiveReady is null) _reader.ReceiveReady -= OnReaderReady; }
    }

    /// <summary>Binds the UDP <paramref name="port"/> on all interfaces, broadcasting to 255.255.255.255.</summary>
    public void ConfigureAllInterfaces(int port) => Configure(port, "*");

    /// <summary>
    /// Binds the UDP <paramref name="port"/>: <paramref name="interfaceName"/> is an interface name or
    /// IPv4 address, "*" for all interfaces, "loopback" for 127.0.0.1, or empty for the first IPv4
    /// interface that is up (loopback when there is none).
    /// </summary>
    public void Configure(int port, string interfaceName = "")
    {
        (IPAddress broadcast, IPAddress bound) = Resolve(interfaceName ?? "");
        var udp = new System.Net.Sockets.Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        udp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Broadcast, true);
        // Receive broadcasts: bind the wildcard address (a socket bound to a unicast address does not
        // see broadcasts on Linux), unless all interfaces were asked for anyway.
        udp.Bind(new IPEndPoint(IPAddress.Any, port));
        lock (_gate)
        {
            _udp?.Dispose();
            _udp = udp;
            _broadcast = new IPEndPoint(broadcast, port);
        }
        BoundTo = bound.ToString();
        HostName = bound.Equals(IPAddress.Any) ? Dns.GetHostName() : SafeHostName(bound);
    }

    /// <summary>Broadcasts <paramref name="transmit"/> (UTF-8 by default) every <paramref name="interval"/>.</summary>
    public void Publish(string transmit, TimeSpan interval, Encoding? encoding = null) =>
        Publish((encoding ?? Encoding.UTF8).GetBytes(transmit), interval);

    /// <summary>Broadcasts <paramref name="transmit"/> every <paramref name="interval"/>, starting now.</summary>
    public void Publish(byte[] transmit, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(transmit);
        if (transmit.Length > MaxBeaconSize) throw new ArgumentException($"a beacon is at most {MaxBeaconSize} bytes", nameof(transmit));
        lock (_gate)
        {
            if (_udp is null) throw new InvalidOperationException("Configure the beacon before publishing");
            _publish = (byte[])transmit.Clone();
            _interval = interval;
            _nextPublish = 0;
        }
    }

    /// <summary>Broadcasts <paramref name="transmit"/> every second.</summary>
    public void Publish(string transmit, Encoding? encoding = null) => Publish(transmit, TimeSpan.FromSeconds(1), encoding);

    /// <summary>Broadcasts <paramref name="transmit"/> every second.</summary>
    public void Publish(byte[] transmit) => Publish(transmit, TimeSpan.FromSeconds(1));

    /// <summary>Stops publishing.</summary>
    public void Silence()
    {
        lock (_gate) _publish = null;
    }

    /// <summary>Receives beacons that start with <paramref name="filter"/> (empty: all).</summary>
    public void Subscribe(string filter)
    {
        lock (_gate) _filter = Encoding.UTF8.GetBytes(filter ?? "");
    }

    /// <summary>Stops receiving beacons.</summary>
    public void Unsubscribe()
    {
        lock (_gate) _filter = null;
    }

    /// <summary>Waits for the next beacon.</summary>
    public BeaconMessage Receive()
    {
        TryReceive(Timeout.InfiniteTimeSpan, out BeaconMessage message);
        return message;
    }

    /// <summary>Receives a beacon that comes within <paramref name="timeout"/>.</summary>
    public bool TryReceive(TimeSpan timeout, out BeaconMessage message)
    {
        if (!_reader.TryReceiveFrameString(timeout, out string? host))
        {
            message = default;
            return false;
        }
        int port = int.Parse(_reader.ReceiveFrameString(), System.Globalization.CultureInfo.InvariantCulture);
        message = new BeaconMessage(_reader.ReceiveFrameBytes(), host!, port);
        return true;
    }

    /// <summary>Stops the beacon thread and closes its sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop = true;
        _thread.Join();
        lock (_gate) _udp?.Dispose();
        _writer.Dispose();
        _reader.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnReaderReady(object? sender, NetMQSocketEventArgs e) => _receiveReady?.Invoke(this, _args);

    // The UDP side: publish when due, read datagrams, forward matching ones. The socket is polled
    // with a short timeout so configuration changes and Dispose are seen promptly.
    private void Loop()
    {
        var buffer = new byte[MaxBeaconSize + 1];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop)
        {
            System.Net.Sockets.Socket? udp;
            byte[]? publish, filter;
            IPEndPoint? broadcast;
            long now = PollerClock.Milliseconds;
            lock (_gate)
            {
                udp = _udp;
                broadcast = _broadcast;
                publish = _publish;
                filter = _filter;
                if (publish is not null && now >= _nextPublish)
                    _nextPublish = now + (long)Math.Max(1, _interval.TotalMilliseconds);
                else publish = null;
            }
            if (udp is null)
            {
                Thread.Sleep(20);
                continue;
            }
            try
            {
                if (publish is not null) udp.SendTo(publish, broadcast!);
                if (!udp.Poll(20_000, SelectMode.SelectRead)) continue;
                int n = udp.ReceiveFrom(buffer, ref from);
                if (filter is null || n > MaxBeaconSize || !buffer.AsSpan(0, n).StartsWith(filter)) continue;
                var peer = (IPEndPoint)from;
                _writer.SendMoreFrame(peer.Address.ToString())
                       .SendMoreFrame(peer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                       .SendFrame(buffer.AsSpan(0, n).ToArray());
            }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        }
    }

    private static (IPAddress Broadcast, IPAddress Bound) Resolve(string name)
    {
        if (name == "*") return (IPAddress.Broadcast, IPAddress.Any);
        if (name == "loopback") return (IPAddress.Parse("127.255.255.255"), IPAddress.Loopback);
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback) continue;
            foreach (UnicastIPAddressInformation ip in nic.GetIPProperties().UnicastAddresses)
            {
                if (ip.Address.AddressFamily != AddressFamily.InterNetwork) continue;
                bool matches = name.Length == 0
                    ? nic.NetworkInterfaceType != NetworkInterfaceType.Loopback
                    : nic.Name == name || ip.Address.ToString() == name;
                if (!matches) continue;
                byte[] address = ip.Address.GetAddressBytes(), mask = ip.IPv4Mask.GetAddressBytes();
                var broadcast = new byte[4];
                for (int i = 0; i < 4; i++) broadcast[i] = (byte)(address[i] | ~mask[i]);
                return (new IPAddress(broadcast), ip.Address);
            }
        }
        if (name.Length == 0) return Resolve("loopback");
        throw new ArgumentException($"no IPv4 interface '{name}'", nameof(name));
    }

    private static string SafeHostName(IPAddress address)
    {
        try { return Dns.GetHostEntry(address).HostName; }
        catch (SocketException) { return address.ToString(); }
    }
}
