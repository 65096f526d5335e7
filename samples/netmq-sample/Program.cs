// A NetMQ program: it builds unchanged against the NetMQ package and against Zinc's facade
// (see NetMQSample.csproj) and prints the same lines with either.
using System.Text;
using NetMQ;
using NetMQ.Sockets;

Console.WriteLine("== request/reply over tcp");
using (var server = new ResponseSocket())
{
    int port = server.BindRandomPort("tcp://127.0.0.1");
    using var client = new RequestSocket($">tcp://127.0.0.1:{port}");
    for (int i = 1; i <= 3; i++)
    {
        client.SendFrame($"request {i}");
        string request = server.ReceiveFrameString();
        server.SendFrame(request.ToUpperInvariant());
        Console.WriteLine($"client got: {client.ReceiveFrameString()}");
    }
}

Console.WriteLine("== publish/subscribe over inproc");
using (var pub = new PublisherSocket("@inproc://weather"))
using (var sub = new SubscriberSocket(">inproc://weather"))
{
    sub.Subscribe("weather");
    sub.Subscribe("sync");
    // Subscriptions travel asynchronously: publish "sync" until one arrives.
    while (true)
    {
        pub.SendFrame("sync");
        if (sub.TryReceiveFrameString(TimeSpan.FromMilliseconds(20), out _)) break;
    }
    pub.SendMoreFrame("news").SendFrame("not subscribed");
    for (int i = 1; i <= 3; i++) pub.SendMoreFrame("weather").SendFrame($"{10 + i} degrees");
    int seen = 0;
    while (seen < 3)
    {
        string topic = sub.ReceiveFrameString(out bool more);
        if (topic == "sync") continue;
        Console.WriteLine($"{topic}: {sub.ReceiveFrameString()}");
        seen++;
    }
}

Console.WriteLine("== dealer/router with multipart messages");
using (var router = new RouterSocket("@inproc://router"))
using (var dealer = new DealerSocket())
{
    dealer.Options.Identity = Encoding.UTF8.GetBytes("client-1");
    dealer.Connect("inproc://router");
    var message = new NetMQMessage();
    message.Append("job");
    message.Append(42);
    dealer.SendMultipartMessage(message);
    NetMQMessage received = router.ReceiveMultipartMessage();
    Console.WriteLine($"router got {received.FrameCount} frames: from {received[0].ConvertToString()}, " +
                      $"{received[1].ConvertToString()} {received[2].ConvertToInt32()}");
    var reply = new NetMQMessage();
    reply.Append(received[0]);
    reply.Append("done");
    router.SendMultipartMessage(reply);
    Console.WriteLine($"dealer got: {dealer.ReceiveFrameString()}");
}

Console.WriteLine("== poller with a queue and a timer");
using (var queue = new NetMQQueue<string>())
using (var poller = new NetMQPoller { queue })
{
    var timer = new NetMQTimer(TimeSpan.FromMilliseconds(10)) { Enable = false };
    int count = 0;
    queue.ReceiveReady += (s, e) =>
    {
        Console.WriteLine($"queue item: {e.Queue.Dequeue()}");
        if (++count == 3) timer.EnableAndReset();
    };
    timer.Elapsed += (s, e) =>
    {
        Console.WriteLine("timer elapsed");
        e.Timer.Enable = false;
        poller.Stop();
    };
    poller.Add(timer);
    poller.RunAsync();
    var producer = new Thread(() =>
    {
        foreach (string item in new[] { "alpha", "beta", "gamma" }) queue.Enqueue(item);
    });
    producer.Start();
    producer.Join();
    while (poller.IsRunning) Thread.Sleep(1);
}

Console.WriteLine("== push/pull with a poller on sockets");
using (var pull = new PullSocket("@inproc://pipeline"))
using (var push = new PushSocket(">inproc://pipeline"))
using (var poller = new NetMQPoller { pull })
{
    var got = new List<string>();
    pull.ReceiveReady += (s, e) =>
    {
        got.Add(string.Join("+", e.Socket.ReceiveMultipartStrings()));
        if (got.Count == 2) poller.Stop();
    };
    push.SendMoreFrame("a").SendFrame("b");
    push.SendFrame("c");
    poller.Run();
    Console.WriteLine($"pulled: {string.Join(", ", got)}");
}

Console.WriteLine("== actor");
using (var actor = NetMQActor.Create(shim =>
{
    shim.SignalOK();
    while (true)
    {
        string m = shim.ReceiveFrameString();
        if (m == NetMQActor.EndShimMessage) break;
        shim.SendFrame($"actor says {m}");
    }
}))
{
    actor.SendFrame("hi");
    Console.WriteLine(actor.ReceiveFrameString());
}

NetMQConfig.Cleanup(); // every socket is closed: returns once the context is down
Console.WriteLine("done");
