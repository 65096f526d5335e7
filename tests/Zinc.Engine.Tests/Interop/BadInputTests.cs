using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>
/// Each bad input (see <see cref="BadInputs"/>, every one of which libzmq closes on too) must cost
/// only its own connection: Zinc closes it, reports it on the monitor, and keeps serving others.
/// </summary>
public sealed class BadInputTests
{
    private const SocketEvents Failure = SocketEvents.Disconnected | SocketEvents.Closed
        | SocketEvents.HandshakeFailedProtocol | SocketEvents.HandshakeFailedNoDetail;

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public void Bad_input_closes_only_that_connection(string name)
    {
        using var ctx = new Context();
        using var pull = new ZincEnd(ctx, SocketType.Pull);
        foreach (string option in BadInputs.SubjectOptions) Apply(pull.Socket, option);
        using var monitor = new ZincMonitor(ctx, pull.Socket);
        pull.Socket.Bind("tcp://127.0.0.1:*");

        using (var raw = RawZmtpPeer.Connect(pull.Endpoint))
        {
            Assert.NotNull(monitor.WaitFor(SocketEvents.Accepted));
            BadInputs.Cases[name](raw);
            Assert.True(raw.WaitClosed(), $"Zinc kept the connection open after {name}");
        }
        Assert.True(monitor.WaitFor(Failure) is not null, $"no failure event after {name}; saw: {monitor.Describe()}");
        Assert.Null(pull.TryRecv(50));

        using var good = LibzmqPeer.Connect("PUSH", pull.Endpoint);
        good.Send(B("still serving"));
        Expect(pull, "still serving");
    }

    [Fact]
    public void Bad_input_on_one_connection_leaves_a_live_one_alone()
    {
        using var ctx = new Context();
        using var pull = (ZincEnd)Make(ctx, true, SocketType.Pull, true, "tcp://127.0.0.1:*", BadInputs.SubjectOptions);
        using var good = LibzmqPeer.Connect("PUSH", pull.Endpoint);
        good.Send(B("first"));
        Expect(pull, "first");
        using (var raw = RawZmtpPeer.Connect(pull.Endpoint))
        {
            BadInputs.Cases["oversized-frame"](raw);
            Assert.True(raw.WaitClosed(), "Zinc kept the connection open after an oversized frame");
        }
        good.Send(B("second"));
        Expect(pull, "second");
    }

    [Fact]
    public void Oversized_frame_from_libzmq_is_refused_and_the_sender_reconnects()
    {
        using var ctx = new Context();
        using var pull = (ZincEnd)Make(ctx, true, SocketType.Pull, true, "tcp://127.0.0.1:*", BadInputs.SubjectOptions);
        using var push = LibzmqPeer.Connect("PUSH", pull.Endpoint, "MONITOR=1", "RECONNECT_IVL=20");
        push.Send(new byte[BadInputs.MaxMsgSize + 1]);
        Assert.True(push.WaitEvent("DISCONNECTED"), "Zinc accepted a frame over MAXMSGSIZE");
        byte[][] got = SendUntilReceived(() => push.Send(B("small")), pull);
        Assert.Equal("small", S(got[0]));
    }
}
