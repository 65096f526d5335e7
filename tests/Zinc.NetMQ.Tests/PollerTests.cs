using NetMQ;
using NetMQ.Monitoring;
using NetMQ.Sockets;

namespace NetMQFacadeTests;

// NetMQPoller, NetMQTimer, NetMQQueue, NetMQActor, NetMQMonitor, Proxy, NetMQCertificate as users write them.
public class PollerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static string Inproc() => "inproc://p-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Poller_RaisesReceiveReady_OnItsThread()
    {
        string a = Inproc();
        using var rep = new ResponseSocket(a);
        using var req = new RequestSocket(a);
        int pollerThread = -1;
        rep.ReceiveReady += (s, e) =>
        {
            pollerThread = Environment.CurrentManagedThreadId;
            Assert.True(e.IsReadyToReceive);
            string m = e.Socket.ReceiveFrameString();
            e.Socket.SendFrame(m + " back");
        };
        using var poller = new NetMQPoller { rep };
        poller.RunAsync();
        Assert.True(poller.IsRunning);
        req.SendFrame("hello");
        Assert.True(req.TryReceiveFrameString(Wait, out string? reply));
        Assert.Equal("hello back", reply);
        poller.Stop();
        Assert.False(poller.IsRunning);
        Assert.NotEqual(Environment.CurrentManagedThreadId, pollerThread);
    }

    [Fact]
    public void Poller_Add_FromAnotherThread_WhileRunning_AndRemove()
    {
        string a = Inproc();
        using var pull = new PullSocket(a);
        using var push = new PushSocket(a);
        using var got = new BlockingQueue();
        pull.ReceiveReady += (s, e) => got.Add(e.Socket.ReceiveFrameString());
        using var poller = new NetMQPoller();
        poller.RunAsync();
        poller.Add(pull);
        Assert.True(poller.ContainsAsync(pull).Wait(Wait) && poller.ContainsAsync(pull).Result);
        push.SendFrame("1");
        Assert.Equal("1", got.Take(Wait));
        poller.Remove(pull);
        Assert.False(poller.ContainsAsync(pull).Result);
        push.SendFrame("2");
        Assert.True(pull.TryReceiveFrameString(Wait, out string? two)); // not taken by the poller
        Assert.Equal("2", two);
        poller.StopAsync();
    }

    [Fact]
    public void Timer_Elapses_AndCanStopThePoller()
    {
        using var poller = new NetMQPoller();
        var timer = new NetMQTimer(TimeSpan.FromMilliseconds(5));
        int count = 0;
        timer.Elapsed += (s, e) =>
        {
            Assert.Same(timer, e.Timer);
            if (++count == 3)
            {
                e.Timer.Enable = false;
                poller.Stop(); // from the poller's own thread: returns, the loop ends
            }
        };
        poller.Add(timer);
        var run = Task.Run(() => poller.Run());
        Assert.True(run.Wait(Wait));
        Assert.Equal(3, count);
    }

    [Fact]
    public void Queue_EnqueueFromAnyThread_DequeueOnPoller()
    {
        using var queue = new NetMQQueue<int>();
        using var got = new BlockingQueue();
        queue.ReceiveReady += (s, e) => got.Add(e.Queue.Dequeue().ToString());
        using var poller = new NetMQPoller { queue };
        poller.RunAsync();
        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(() =>
        {
            for (int i = 0; i < 25; i++) queue.Enqueue(p * 100 + i);
        })).ToArray();
        Assert.True(Task.WaitAll(producers, Wait));
        var seen = new HashSet<string>();
        for (int i = 0; i < 100; i++) seen.Add(got.Take(Wait));
        Assert.Equal(100, seen.Count);
        poller.Stop();
        Assert.True(queue.IsEmpty);

        queue.Enqueue(7);
        Assert.Equal(1, queue.Count);
        Assert.True(queue.TryDequeue(out int seven, Wait));
        Assert.Equal(7, seven);
        Assert.False(queue.TryDequeue(out _, TimeSpan.Zero));
    }

    [Fact]
    public void Poller_RunsTasks_OnItsThread()
    {
        using var poller = new NetMQPoller();
        poller.RunAsync();
        int threadId = -1;
        var task = new Task(() => threadId = Environment.CurrentManagedThreadId);
        task.Start(poller);
        Assert.True(task.Wait(Wait));
        Assert.NotEqual(-1, threadId);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threadId);
        poller.Stop();
    }

    [Fact]
    public void Actor_EchoesUntilDisposed()
    {
        bool ended = false;
        var actor = NetMQActor.Create(shim =>
        {
            shim.SignalOK();
            while (true)
            {
                string m = shim.ReceiveFrameString();
                if (m == NetMQActor.EndShimMessage) break;
                shim.SendFrame("echo:" + m);
            }
            ended = true;
        });
        actor.SendFrame("a");
        Assert.True(actor.TryReceiveFrameString(Wait, out string? echo));
        Assert.Equal("echo:a", echo);
        actor.Dispose();
        Assert.True(ended);
        Assert.True(actor.IsDisposed);
    }

    [Fact]
    public void Actor_InAPoller_RaisesReceiveReady()
    {
        using var actor = NetMQActor.Create(
            (shim, prefix) =>
            {
                using var poller = new NetMQPoller { shim };
                shim.ReceiveReady += (s, e) =>
                {
                    string m = e.Socket.ReceiveFrameString();
                    if (m == NetMQActor.EndShimMessage) poller.Stop();
                    else e.Socket.SendFrame(prefix + m);
                };
                shim.SignalOK();
                poller.Run();
            }, ">");
        using var got = new BlockingQueue();
        actor.ReceiveReady += (s, e) => got.Add(e.Actor.ReceiveFrameString());
        using var poller = new NetMQPoller { actor };
        poller.RunAsync();
        actor.SendFrame("x");
        Assert.Equal(">x", got.Take(Wait));
        poller.Stop();
    }

    [Fact]
    public void Monitor_ReportsListeningAcceptedConnected()
    {
        using var server = new ResponseSocket();
        using var monitor = new NetMQMonitor(server, "inproc://mon-" + Guid.NewGuid().ToString("N"), SocketEvents.Listening | SocketEvents.Accepted);
        using var events = new BlockingQueue();
        monitor.Listening += (s, e) => events.Add("listening " + e.Address.StartsWith("tcp://127.0.0.1:"));
        monitor.Accepted += (s, e) => events.Add("accepted");
        using var poller = new NetMQPoller();
        monitor.AttachToPoller(poller);
        poller.RunAsync();
        int port = server.BindRandomPort("tcp://127.0.0.1");
        Assert.Equal("listening True", events.Take(Wait));
        using var client = new RequestSocket($"tcp://127.0.0.1:{port}");
        Assert.Equal("accepted", events.Take(Wait));
        poller.Stop();
        monitor.DetachFromPoller();
    }

    [Fact]
    public void Monitor_StartAsync_AndStop()
    {
        using var server = new PullSocket();
        var monitor = new NetMQMonitor(server, "inproc://mon-" + Guid.NewGuid().ToString("N"), SocketEvents.All);
        using var events = new BlockingQueue();
        monitor.EventReceived += (s, e) => events.Add(e.SocketEvent.ToString());
        Task run = monitor.StartAsync();
        server.Bind("tcp://127.0.0.1:*");
        Assert.Equal("Listening", events.Take(Wait));
        monitor.Stop();
        Assert.True(run.Wait(Wait));
        monitor.Dispose();
    }

    [Fact]
    public void Proxy_ForwardsBothWays_WithControlCopies()
    {
        string front = Inproc(), back = Inproc(), ctl = Inproc();
        using var frontend = new RouterSocket(front);
        using var backend = new DealerSocket("@" + back);
        using var control = new PushSocket("@" + ctl);
        using var controlReader = new PullSocket(">" + ctl);
        var proxy = new Proxy(frontend, backend, control);
        var run = Task.Factory.StartNew(proxy.Start, TaskCreationOptions.LongRunning);
        using var client = new RequestSocket(front);
        using var worker = new ResponseSocket(">" + back);
        client.SendFrame("job");
        Assert.True(worker.TryReceiveFrameString(Wait, out string? job));
        Assert.Equal("job", job);
        worker.SendFrame("done");
        Assert.True(client.TryReceiveFrameString(Wait, out string? done));
        Assert.Equal("done", done);
        // The control socket saw the request (identity, delimiter, body) and the reply.
        List<string> copy = controlReader.ReceiveMultipartStrings();
        Assert.Equal("job", copy[^1]);
        proxy.Stop();
        Assert.True(run.Wait(Wait));
    }

    [Fact]
    public void Certificate_CurveBetweenFacadeSockets()
    {
        var serverCert = new NetMQCertificate();
        var clientCert = new NetMQCertificate();
        Assert.Equal(40, serverCert.PublicKeyZ85.Length);
        Assert.Equal(serverCert.PublicKey, NetMQCertificate.FromSecretKey(serverCert.SecretKeyZ85!).PublicKey);
        Assert.False(NetMQCertificate.FromPublicKey(serverCert.PublicKeyZ85).HasSecretKey);
        var copy = new NetMQCertificate(serverCert.SecretKeyZ85!, serverCert.PublicKeyZ85);
        Assert.Equal(serverCert.SecretKey, copy.SecretKey);

        using var server = new ResponseSocket();
        server.Options.CurveServer = true;
        server.Options.CurveCertificate = serverCert;
        int port = server.BindRandomPort("tcp://127.0.0.1");
        using var client = new RequestSocket();
        client.Options.CurveServerCertificate = NetMQCertificate.FromPublicKey(serverCert.PublicKey);
        client.Options.CurveCertificate = clientCert;
        client.Connect($"tcp://127.0.0.1:{port}");
        client.SendFrame("secret");
        Assert.True(server.TryReceiveFrameString(Wait, out string? s));
        Assert.Equal("secret", s);
        server.SendFrame("ok");
        Assert.True(client.TryReceiveFrameString(Wait, out string? ok));
        Assert.Equal("ok", ok);
    }

    // A tiny bounded-wait queue for results raised on other threads.
    private sealed class BlockingQueue : IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<string> _items = new();
        public void Add(string s) => _items.Add(s);
        public string Take(TimeSpan timeout) =>
            _items.TryTake(out string? s, timeout) ? s : throw new TimeoutException("nothing arrived");
        public void Dispose() => _items.Dispose();
    }
}

public class BeaconTests
{
    [Fact]
    public void Beacon_OverLoopbackBroadcast_ReachesASubscriber()
    {
        // A free UDP port: bind one, note it, release it (the beacons reuse the address anyway).
        int port;
        using (var probe = new System.Net.Sockets.UdpClient(0)) port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        using var speaker = new NetMQBeacon();
        using var listener = new NetMQBeacon();
        speaker.Configure(port, "loopback");
        listener.Configure(port, "loopback");
        Assert.Equal("127.0.0.1", listener.BoundTo);
        listener.Subscribe("zinc");
        speaker.Publish("zinc-node-1", TimeSpan.FromMilliseconds(20));
        Assert.True(listener.TryReceive(TimeSpan.FromSeconds(10), out BeaconMessage m));
        Assert.Equal("zinc-node-1", m.String);
        Assert.Equal("127.0.0.1", m.PeerHost);
        speaker.Silence();

        // In a poller: ReceiveReady.
        using var got = new System.Collections.Concurrent.BlockingCollection<string>();
        listener.ReceiveReady += (s, e) => got.Add(e.Beacon.Receive().String);
        using var poller = new NetMQPoller { listener };
        poller.RunAsync();
        speaker.Publish("zinc-node-2", TimeSpan.FromMilliseconds(20));
        string? s = null;
        while (got.TryTake(out s, TimeSpan.FromSeconds(10)) && s != "zinc-node-2") { }
        Assert.Equal("zinc-node-2", s);
        poller.Stop();
    }
}

public class PollerAsyncTests
{
    [Fact]
    public void Await_InAHandler_ResumesOnThePollerThread()
    {
        string a = "inproc://await-" + Guid.NewGuid().ToString("N");
        using var pull = new PullSocket(a);
        using var push = new PushSocket(a);
        var done = new TaskCompletionSource<(int Before, int After)>(TaskCreationOptions.RunContinuationsAsynchronously);
        pull.ReceiveReady += async (s, e) =>
        {
            e.Socket.SkipFrame();
            int before = Environment.CurrentManagedThreadId;
            await Task.Run(() => { }); // completes elsewhere; the continuation is posted to the poller
            done.TrySetResult((before, Environment.CurrentManagedThreadId));
        };
        using var poller = new NetMQPoller { pull };
        poller.RunAsync();
        push.SendFrame("go");
        Assert.True(done.Task.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal(done.Task.Result.Before, done.Task.Result.After);
        poller.Stop();
    }
}
