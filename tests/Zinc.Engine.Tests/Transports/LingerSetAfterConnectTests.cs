namespace Zinc.Tests.Transports;

/// <summary>
/// ZMQ_LINGER set after connect counts at close, as in libzmq: a network session keeps a copy of
/// the options from connect time, but it drains (or drops) by the LINGER the socket closed with.
/// </summary>
public class LingerSetAfterConnectTests
{
    private const int Messages = 8192;
    private const int PayloadSize = 4096; // 32 MiB in all: more than loopback's socket buffers hold

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Lowered_to_zero_after_connect_the_close_drops_what_a_silent_peer_left_unread(IoBackend backend)
    {
        // A few rounds: whether the engine is stuck in the middle of a message when the peer goes
        // is a matter of timing (the old behaviour hung in about one round in four).
        for (int round = 0; round < 4; round++) LowerToZeroThenClose(backend);
    }

    private static void LowerToZeroThenClose(IoBackend backend)
    {
        var ctx = StreamTestSupport.NewContext(backend);
        Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 1); // reads almost nothing: the sender's writes back up
        pull.Bind("tcp://127.0.0.1:*");
        Socket push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.Linger, -1);
        push.SetOption(SocketOption.SndHwm, 0);
        push.Connect(pull.LastEndpoint);
        // Messages of a 4 MiB frame and a 1-byte one: the writes back up in the middle of a big
        // frame, with the message's last frame still in the pipe.
        byte[] big = new byte[4 << 20];
        for (int i = 0; i < 6; i++)
        {
            push.Send(big, SendFlags.SendMore);
            push.Send(new byte[1]);
        }
        push.SetOption(SocketOption.Linger, 0);
        push.Close();
        pull.Close();
        // With the LINGER copied at connect (-1) the session kept the connection; when the peer
        // went, it reconnected without end to deliver the rest of the message it had started,
        // and the context never finished.
        TestSupport.RunBounded(ctx.Terminate).WaitBounded("context termination");
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Raised_to_infinite_after_connect_the_close_delivers_everything(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("tcp://127.0.0.1:*");
        Socket push = ctx.Create(SocketType.Push);
        push.SetOption(SocketOption.Linger, 0);
        push.SetOption(SocketOption.SndHwm, 0);
        push.Connect(pull.LastEndpoint);
        StreamTestSupport.SendNumbered(push, Messages, PayloadSize);
        push.SetOption(SocketOption.Linger, -1);
        push.Close(); // most of the 32 MiB is still queued: the session must go on writing it
        StreamTestSupport.ReceiveNumbered(pull, Messages);
    }
}
