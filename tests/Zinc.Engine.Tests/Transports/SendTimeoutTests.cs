namespace Zinc.Tests.Transports;

/// <summary>A peer that never reads: the sender's wait ends with SNDTIMEO, it does not spin forever.</summary>
public class SendTimeoutTests
{
    [Theory]
    [MemberData(nameof(StreamTestSupport.Backends), MemberType = typeof(StreamTestSupport))]
    public void Send_to_a_peer_that_never_reads_times_out_with_eagain(IoBackend backend)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.SetOption(SocketOption.RcvHwm, 1);
        pull.SetOption(SocketOption.RcvBuf, 4096);
        pull.Bind("tcp://127.0.0.1:*");
        using Socket push = ctx.CreateStream(SocketType.Push, timeoutMs: 300);
        push.SetOption(SocketOption.SndHwm, 1);
        push.SetOption(SocketOption.SndBuf, 4096);
        push.Connect(pull.LastEndpoint);
        byte[] payload = new byte[16 * 1024];
        // Fill the pipes and both kernel buffers; the first send that cannot go reports EAGAIN
        // after SNDTIMEO (bounded by the test's own watchdog if it never did).
        Task<ZmqError> filling = Task.Run(() =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                ZmqError error = TestSupport.ErrorOf(() => push.Send(payload));
                if (error != ZmqError.None) return error;
            }
            return ZmqError.None;
        });
        Assert.True(filling.Wait(TestSupport.TimeoutMs * 2), "the sender never timed out");
        Assert.Equal(ZmqError.EAGAIN, filling.Result);
    }
}
