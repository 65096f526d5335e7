namespace Zinc.Tests.Transports;

/// <summary>A peer that sends and leaves at once: what it sent before it closed is all delivered.</summary>
public class PeerCloseTests
{
    [Theory]
    [MemberData(nameof(StreamTestSupport.BackendsAndTransports), MemberType = typeof(StreamTestSupport))]
    public void Messages_sent_before_the_peer_closed_all_arrive_past_the_hwm(IoBackend backend, string transport)
    {
        const int count = 20_000;
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 10); // the receiving engine blocks on credit early
        pull.Bind(StreamTestSupport.BindEndpoint(transport));

        string endpoint = pull.LastEndpoint;
        Task sender = TestSupport.RunBounded(() =>
        {
            using Context senderContext = StreamTestSupport.NewContext(backend);
            Socket push = senderContext.Create(SocketType.Push);
            push.SetOption(SocketOption.Linger, -1); // close waits until everything is written
            push.Connect(endpoint);
            byte[] payload = new byte[64];
            for (int i = 0; i < count; i++)
            {
                BitConverter.TryWriteBytes(payload, i);
                push.Send(payload);
            }
            push.Close();
        }); // then the sender's context terminates: its connection closes while the receiver may still be behind

        for (int i = 0; i < count; i++)
        {
            byte[] received = pull.ReceiveBytes();
            Assert.Equal(i, BitConverter.ToInt32(received));
        }
        sender.WaitBounded("sender");
    }
}
