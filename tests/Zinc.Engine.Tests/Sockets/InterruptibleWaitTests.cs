using Zinc.Polling;

namespace Zinc.Tests.Sockets;

/// <summary>
/// The C ABI's interruptible waits (Socket.InterruptibleWaits, Poller.Interruptible) park in
/// poll(2) instead of on a monitor. A signal ending them with EINTR is tested from C
/// (tests/native/eintr.c); here, that they keep every other promise of a blocking call: a wake-up
/// is never lost, the timeouts still give EAGAIN, a context shutdown still gives ETERM.
/// </summary>
public sealed class InterruptibleWaitTests
{
    private const int Rounds = 300;

    // No spinning: every wait that finds nothing parks, so every message crosses a park.
    private static Context ParkingContext() => new() { SpinIterations = 0 };

    private static Socket Interruptible(Context context, SocketType type)
    {
        Socket socket = context.Create(type);
        socket.InterruptibleWaits = true;
        return socket;
    }

    [Fact]
    public void Ping_pong_through_parked_interruptible_waits_loses_no_wake_up()
    {
        using Context context = ParkingContext();
        using Socket req = Interruptible(context, SocketType.Req);
        using Socket rep = Interruptible(context, SocketType.Rep);
        string endpoint = TestSupport.Inproc("interruptible");
        rep.Bind(endpoint);
        req.Connect(endpoint);
        Task echo = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < Rounds; i++) rep.SendString(rep.RecvString());
        });
        for (int i = 0; i < Rounds; i++)
        {
            req.SendString($"ping {i}");
            Assert.Equal($"ping {i}", req.RecvString());
        }
        Assert.True(echo.Wait(TestSupport.TimeoutMs));
    }

    [Fact]
    public void A_blocked_send_parks_interruptibly_until_the_peer_makes_room()
    {
        using Context context = ParkingContext();
        using Socket push = Interruptible(context, SocketType.Push);
        using Socket pull = context.Create(SocketType.Pull);
        push.SetOption(SocketOption.SndHwm, 1);
        pull.SetOption(SocketOption.RcvHwm, 1);
        string endpoint = TestSupport.Inproc("interruptible-send");
        pull.Bind(endpoint);
        push.Connect(endpoint);
        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < Rounds; i++) push.SendString($"m{i}");
        });
        for (int i = 0; i < Rounds; i++) Assert.Equal($"m{i}", pull.RecvString());
        Assert.True(sender.Wait(TestSupport.TimeoutMs));
    }

    [Fact]
    public void Receive_timeout_is_still_eagain()
    {
        using Context context = ParkingContext();
        using Socket pull = Interruptible(context, SocketType.Pull);
        pull.SetOption(SocketOption.RcvTimeo, 20);
        pull.Bind(TestSupport.Inproc("interruptible-timeout"));
        Assert.False(pull.TryReceiveBytes(out _));
    }

    [Fact]
    public void Context_shutdown_ends_a_parked_interruptible_receive_with_eterm()
    {
        using Context context = ParkingContext();
        Socket pull = Interruptible(context, SocketType.Pull);
        pull.SetOption(SocketOption.RcvTimeo, -1);
        pull.Bind(TestSupport.Inproc("interruptible-term"));
        var parked = new ManualResetEventSlim();
        Task<ZmqError> receive = Task.Factory.StartNew(() =>
        {
            parked.Set();
            return TestSupport.ErrorOf(() => pull.ReceiveBytes());
        }, TaskCreationOptions.LongRunning);
        Assert.True(parked.Wait(TestSupport.TimeoutMs));
        // Whether the receive has parked yet or not, the stop reaches it.
        context.Shutdown();
        Assert.True(receive.Wait(TestSupport.TimeoutMs));
        Assert.Equal(ZmqError.ETERM, receive.Result);
        pull.Close();
    }

    [Fact]
    public void An_interruptible_poller_of_sockets_only_is_woken_through_its_eventfd()
    {
        using Context context = ParkingContext();
        using Socket pull = context.Create(SocketType.Pull);
        using Socket push = context.Create(SocketType.Push);
        string endpoint = TestSupport.Inproc("interruptible-poller");
        pull.Bind(endpoint);
        push.Connect(endpoint);
        using var poller = new Poller { Interruptible = true };
        poller.Add(pull, PollEvents.PollIn);
        // One message at a time, so the poller parks before most of them.
        using var taken = new SemaphoreSlim(0);
        Task sender = TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < Rounds; i++)
            {
                push.SendString($"m{i}");
                if (!taken.Wait(TestSupport.TimeoutMs)) return;
            }
        });
        Span<PollerEvent> events = new PollerEvent[1];
        for (int i = 0; i < Rounds; i++)
        {
            Assert.Equal(1, poller.Wait(events, TestSupport.TimeoutMs));
            Assert.Equal($"m{i}", pull.RecvString());
            taken.Release();
        }
        Assert.True(sender.Wait(TestSupport.TimeoutMs));
        Assert.False(poller.TryWait(out _, 10));
    }

    [Fact]
    public void Interruptible_zmq_poll_reports_readiness_and_timeouts_as_before()
    {
        using Context context = ParkingContext();
        using Socket pull = context.Create(SocketType.Pull);
        using Socket push = context.Create(SocketType.Push);
        string endpoint = TestSupport.Inproc("interruptible-zmqpoll");
        pull.Bind(endpoint);
        push.Connect(endpoint);
        var items = new PollItem[] { new(pull, PollEvents.PollIn) };
        Assert.Equal(0, ZmqPoll.Poll(items, 10, interruptible: true));
        Task sender = TestSupport.RunBounded(() => push.SendString("late"));
        Assert.Equal(1, ZmqPoll.Poll(items, TestSupport.TimeoutMs, interruptible: true));
        Assert.Equal(PollEvents.PollIn, items[0].ReturnedEvents);
        Assert.True(sender.Wait(TestSupport.TimeoutMs));
        Assert.Equal("late", pull.RecvString());
    }
}
