using System.Buffers.Binary;
using System.Diagnostics;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>High-water marks, MAXMSGSIZE and heartbeats over tcp.</summary>
public sealed class FlowControlTests
{
    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Hwm_blocks_the_sender_and_loses_nothing(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.RcvHwm, 10);
        push.SetOption(SocketOption.SndHwm, 10);
        // Small kernel buffers so the pipes, not the kernel, do most of the holding.
        pull.SetOption(SocketOption.RcvBuf, 64 * 1024);
        push.SetOption(SocketOption.SndBuf, 64 * 1024);
        pull.Bind("tcp://127.0.0.1:*");
        push.Connect(pull.LastEndpoint);

        var payload = new byte[16 * 1024];
        int sent = 0;
        var watch = Stopwatch.StartNew();
        // Keep sending without blocking until the sender is refused; the reader reads nothing.
        // A refusal may be momentary (the IO thread still moving data to the kernel), so only a
        // run of refusals spread over some milliseconds counts as "blocked".
        int refusals = 0;
        while (refusals < 20)
        {
            Assert.True(watch.ElapsedMilliseconds < TestSupport.TimeoutMs * 2, $"never blocked after {sent} messages");
            BinaryPrimitives.WriteInt32LittleEndian(payload, sent);
            if (push.TrySend(payload, SendFlags.DontWait))
            {
                sent++;
                refusals = 0;
            }
            else
            {
                refusals++;
                Thread.Sleep(5);
            }
        }
        Assert.InRange(sent, 20, 100_000);

        for (int i = 0; i < sent; i++)
        {
            byte[] got = pull.ReceiveBytes();
            Assert.Equal(payload.Length, got.Length);
            Assert.Equal(i, BinaryPrimitives.ReadInt32LittleEndian(got));
        }
        pull.SetOption(SocketOption.RcvTimeo, 100);
        Assert.False(pull.TryReceiveBytes(out _), "more messages than were sent");

        // Drained: the sender is free again.
        push.SendString("after");
        pull.SetOption(SocketOption.RcvTimeo, TestSupport.TimeoutMs);
        Assert.Equal("after", pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Maxmsgsize_drops_the_offending_connection_only(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.MaxMsgSize, 100L);
        using var events = new MonitorReader(ctx, pull);
        pull.Bind("tcp://127.0.0.1:*");
        string endpoint = pull.LastEndpoint;

        using Socket rude = ctx.CreateStream(SocketType.Push);
        rude.SetOption(SocketOption.ReconnectIvl, -1);
        rude.Connect(endpoint);
        events.WaitFor(SocketEvents.HandshakeSucceeded);
        rude.Send(new byte[200]);
        MonitorEvent dropped = events.WaitFor(SocketEvents.Disconnected);
        Assert.Equal(endpoint, dropped.Endpoint);

        using Socket polite = ctx.CreateStream(SocketType.Push);
        polite.Connect(endpoint);
        polite.Send(new byte[100]);
        Assert.Equal(100, pull.ReceiveBytes().Length);
        polite.SendString("small");
        Assert.Equal("small", pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Heartbeats_keep_an_idle_connection_up(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket bound = ctx.CreateStream(SocketType.Pair);
        using Socket connecting = ctx.CreateStream(SocketType.Pair);
        foreach (Socket s in new[] { bound, connecting })
        {
            s.SetOption(SocketOption.HeartbeatIvl, 50);
            s.SetOption(SocketOption.HeartbeatTimeout, 200);
        }
        using var boundEvents = new MonitorReader(ctx, bound);
        using var connectingEvents = new MonitorReader(ctx, connecting);
        bound.Bind(BindEndpoint(transport));
        connecting.Connect(bound.LastEndpoint);
        connecting.SendString("before");
        Assert.Equal("before", bound.RecvString());
        boundEvents.WaitFor(SocketEvents.HandshakeSucceeded);
        connectingEvents.WaitFor(SocketEvents.HandshakeSucceeded);

        // Idle for many intervals and several timeouts (this sleep only lets time pass).
        Thread.Sleep(1000);

        bound.SendString("after idle");
        Assert.Equal("after idle", connecting.RecvString());
        connecting.SendString("reply");
        Assert.Equal("reply", bound.RecvString());
        List<MonitorEvent> late = boundEvents.DrainNow().Concat(connectingEvents.DrainNow()).ToList();
        Assert.DoesNotContain(late, e => e.Event is SocketEvents.Disconnected or SocketEvents.Closed or SocketEvents.ConnectRetried);
    }
    // Draining what was read before the pipe filled up is progress on the link: a receiver
    // working through a backlog (1 ms per message here: the sleep stands for its work) must not
    // be timed out by its own heartbeat, which used to count only reads from the kernel.
    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void A_receiver_draining_a_backlog_under_hwm_is_not_timed_out_by_its_heartbeat(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.RcvHwm, 1);
        pull.SetOption(SocketOption.HeartbeatIvl, 10);
        pull.SetOption(SocketOption.HeartbeatTimeout, 40);
        using var events = new MonitorReader(ctx, pull, SocketEvents.Disconnected);
        pull.Bind(BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);

        const int Count = 400;
        var body = new byte[1024];
        for (int i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(body, i);
            push.Send(body);
        }
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(pull.ReceiveBytes()));
            Thread.Sleep(1);
        }
        Assert.Empty(events.DrainNow());
    }
}
