namespace Zinc.Tests.Transports;

/// <summary>
/// zmq_disconnect over tcp/ipc, as libzmq's man page has it: frames received but not read are
/// dropped; frames sent but not yet written go out within ZMQ_LINGER (the link ends as it would
/// on socket close).
/// </summary>
public class DisconnectLingerTests
{
    private const int Messages = 8192;
    private const int PayloadSize = 4096; // 32 MiB in all: more than the socket buffers hold

    [Theory]
    [MemberData(nameof(StreamTestSupport.BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void With_infinite_linger_what_was_queued_still_arrives(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.Linger, -1);
        push.SetOption(SocketOption.SndHwm, 0);
        push.Connect(pull.LastEndpoint);
        StreamTestSupport.SendNumbered(push, Messages, PayloadSize);
        push.Disconnect(pull.LastEndpoint); // most of it is still queued in the session
        StreamTestSupport.ReceiveNumbered(pull, Messages);
        push.SetOption(SocketOption.Linger, 0);
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void With_zero_linger_the_queue_is_dropped_and_a_new_connect_works(IoBackend backend, string transport)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 1);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        using Socket push = ctx.CreateStream(SocketType.Push); // LINGER 0
        push.SetOption(SocketOption.SndHwm, 0);
        push.Connect(pull.LastEndpoint);
        byte[] payload = new byte[PayloadSize];
        for (int i = 0; i < Messages; i++) push.Send(payload);
        push.Disconnect(pull.LastEndpoint);
        push.Connect(pull.LastEndpoint);
        push.Send("fresh"u8);
        // What the kernel already carried may come first; then the new link's message, long
        // before the 8192 a kept queue would have delivered.
        int old = 0;
        while (true)
        {
            byte[] received = pull.ReceiveBytes();
            if (received.Length == 5) break;
            old++;
        }
        Assert.True(old < Messages, $"all {old} queued messages were delivered despite LINGER 0");
    }

    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Messages_queued_before_the_connection_is_up_go_out_once_it_is(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        string endpoint = $"tcp://127.0.0.1:{StreamTestSupport.FreeTcpPort()}"; // nobody listens yet
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.Linger, -1);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        push.Connect(endpoint); // the pipe exists at once: sends queue
        for (int i = 0; i < 100; i++) push.Send(BitConverter.GetBytes(i));
        push.Disconnect(endpoint);
        // As on socket close: within LINGER the link still connects to deliver, then ends.
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(endpoint);
        StreamTestSupport.ReceiveNumbered(pull, 100);
        push.SetOption(SocketOption.Linger, 0);
    }
}
