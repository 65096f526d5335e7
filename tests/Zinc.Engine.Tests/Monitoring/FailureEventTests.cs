using Zinc.Tests.Transports;
using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Monitoring;

/// <summary>
/// The monitor events around failed connects and binds, in libzmq 4.3.4's order (as pyzmq on
/// the real libzmq prints them): a descriptor that is given up on is always reported CLOSED.
/// </summary>
public sealed class FailureEventTests
{
    private const SocketEvents ConnectSteps =
        SocketEvents.ConnectDelayed | SocketEvents.Connected | SocketEvents.Closed | SocketEvents.ConnectRetried;

    private static string Unreachable(string transport) =>
        transport == "tcp" ? $"tcp://127.0.0.1:{FreeTcpPort()}" : "ipc://" + IpcPath();

    // libzmq's back-off: the interval doubles up to RECONNECT_IVL_MAX, and each wait (the value
    // CONNECT_RETRIED reports) adds a random part below RECONNECT_IVL.
    [Fact]
    public void Retries_back_off_to_the_maximum_with_jitter_below_one_interval()
    {
        using var ctx = new Context();
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 20);
        push.SetOption(SocketOption.ReconnectIvlMax, 80);
        using var events = new MonitorReader(ctx, push, SocketEvents.ConnectRetried);
        push.Connect(Unreachable("ipc"));
        int[] waits = Enumerable.Range(0, 4).Select(_ => events.WaitFor(SocketEvents.ConnectRetried).Value).ToArray();
        int[] bases = { 20, 40, 80, 80 };
        for (int i = 0; i < waits.Length; i++) Assert.InRange(waits[i], bases[i], bases[i] + 19);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Failed_connect_reports_Closed_then_ConnectRetried(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 50);
        using var events = new MonitorReader(ctx, push, ConnectSteps);
        string endpoint = Unreachable(transport);
        push.Connect(endpoint);
        events.WaitFor(SocketEvents.ConnectRetried);

        // tcp: CONNECT_DELAYED(EINPROGRESS) first (unless the refusal came at once); ipc to a
        // missing path fails inside connect(2), with no delay reported.
        List<MonitorEvent> seen = events.Seen;
        if (seen[0].Event == SocketEvents.ConnectDelayed)
        {
            Assert.Equal((int)ZmqError.EINPROGRESS, seen[0].Value);
            seen = seen.Skip(1).ToList();
        }
        Assert.Equal(new[] { SocketEvents.Closed, SocketEvents.ConnectRetried }, seen.Select(e => e.Event));
        Assert.True(seen[0].Value > 0, $"closed fd {seen[0].Value}");
        Assert.Equal(endpoint, seen[0].Endpoint);
        Assert.InRange(seen[1].Value, 50, 99); // RECONNECT_IVL plus up to one interval of jitter, as libzmq
        Assert.Equal(endpoint, seen[1].Endpoint);
    }

    [Theory]
    [MemberData(nameof(BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Failed_connect_without_reconnecting_reports_Closed_alone(IoBackend backend, string transport)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, -1);
        using var events = new MonitorReader(ctx, push, ConnectSteps | SocketEvents.Listening);
        string endpoint = Unreachable(transport);
        push.Connect(endpoint);
        MonitorEvent closed = events.WaitFor(SocketEvents.Closed);
        Assert.Equal(endpoint, closed.Endpoint);
        Assert.True(closed.Value > 0, $"closed fd {closed.Value}");
        // A later event marks the end of what the failed attempt reported: no retry among it.
        push.Bind("tcp://127.0.0.1:*");
        events.WaitFor(SocketEvents.Listening);
        Assert.DoesNotContain(events.Seen, e => e.Event is SocketEvents.ConnectRetried or SocketEvents.Connected);
    }

    [Fact]
    public void Failed_tcp_bind_reports_Closed_then_BindFailed_with_the_address_alone()
    {
        using var ctx = new Context();
        using Socket first = ctx.CreateStream(SocketType.Pull);
        first.Bind("tcp://127.0.0.1:*");
        string taken = first.LastEndpoint["tcp://".Length..];

        using Socket second = ctx.CreateStream(SocketType.Pull);
        using var events = new MonitorReader(ctx, second);
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(() => second.Bind("tcp://" + taken)));
        MonitorEvent failed = events.WaitFor(SocketEvents.BindFailed);

        // libzmq: CLOSED(fd, "") then BIND_FAILED(EADDRINUSE, "127.0.0.1:port").
        Assert.Equal(new[] { SocketEvents.Closed, SocketEvents.BindFailed }, events.Kinds);
        MonitorEvent closed = events.Seen[0];
        Assert.True(closed.Value > 0, $"closed fd {closed.Value}");
        Assert.Equal("", closed.Endpoint);
        Assert.Equal((int)ZmqError.EADDRINUSE, failed.Value);
        Assert.Equal(taken, failed.Endpoint);
    }

    [Fact]
    public void Failed_ipc_bind_reports_Closed_with_the_endpoint_then_BindFailed_with_the_path()
    {
        using var ctx = new Context();
        string name = $"@zinc-test-{Guid.NewGuid():N}";
        using Socket first = ctx.CreateStream(SocketType.Pull);
        first.Bind("ipc://" + name);

        using Socket second = ctx.CreateStream(SocketType.Pull);
        using var events = new MonitorReader(ctx, second);
        Assert.Equal(ZmqError.EADDRINUSE, TestSupport.ErrorOf(() => second.Bind("ipc://" + name)));
        MonitorEvent failed = events.WaitFor(SocketEvents.BindFailed);

        Assert.Equal(new[] { SocketEvents.Closed, SocketEvents.BindFailed }, events.Kinds);
        Assert.True(events.Seen[0].Value > 0, $"closed fd {events.Seen[0].Value}");
        Assert.Equal("ipc://" + name, events.Seen[0].Endpoint);
        Assert.Equal((int)ZmqError.EADDRINUSE, failed.Value);
        Assert.Equal(name, failed.Endpoint);
    }

    [Fact]
    public void Ipc_bind_in_a_missing_directory_reports_ENOENT_the_same_way()
    {
        using var ctx = new Context();
        string path = Path.Combine(Path.GetTempPath(), $"zinc-missing-{Guid.NewGuid():N}", "x.ipc");
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using var events = new MonitorReader(ctx, pull);
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Bind("ipc://" + path)));
        MonitorEvent failed = events.WaitFor(SocketEvents.BindFailed);

        Assert.Equal(new[] { SocketEvents.Closed, SocketEvents.BindFailed }, events.Kinds);
        Assert.Equal("ipc://" + path, events.Seen[0].Endpoint);
        Assert.Equal((int)ZmqError.ENOENT, failed.Value);
        Assert.Equal(path, failed.Endpoint);
    }
}
