namespace Zinc.Tests.Transports;

/// <summary>
/// ZMQ_CONFLATE on a PULL fed over tcp and ipc, for every payload size class of the decoder's
/// fast path (inline in a ring slot, carved from a slab, a buffer of its own): the newest
/// message is the one kept, and none is silently lost. (33-256 byte messages used to vanish:
/// the fast path carved them and ignored the conflating ring's refusal.)
/// </summary>
public class ConflateStreamTests
{
    public static TheoryData<IoBackend, string, int> Cases
    {
        get
        {
            var data = new TheoryData<IoBackend, string, int>();
            foreach (IoBackend backend in new[] { IoBackend.Epoll, IoBackend.IoUring })
                foreach (string transport in new[] { "tcp", "ipc" })
                    foreach (int size in new[] { 8, 20, 33, 100, 256, 300, 9000 })
                        data.Add(backend, transport, size);
            return data;
        }
    }

    private static byte[] Payload(int size, int seq)
    {
        var data = new byte[size];
        data.AsSpan().Fill((byte)seq);
        BitConverter.TryWriteBytes(data, seq);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_conflating_pull_keeps_the_newest_message_of_any_size(IoBackend backend, string transport, int size)
    {
        using Context ctx = StreamTestSupport.NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        using Socket push = ctx.CreateStream(SocketType.Push);
        pull.SetOption(SocketOption.Conflate, true);
        pull.Bind(StreamTestSupport.BindEndpoint(transport));
        push.Connect(pull.LastEndpoint);

        const int Count = 50;
        for (int i = 1; i <= Count; i++) push.Send(Payload(size, i));
        // Conflation may hand over earlier messages first; each must be whole, and the last must come.
        while (true)
        {
            byte[] got = pull.ReceiveBytes(); // bounded by the socket's RCVTIMEO
            Assert.Equal(size, got.Length);
            int seq = BitConverter.ToInt32(got);
            Assert.Equal(Payload(size, seq), got);
            if (seq == Count) break;
        }
        Assert.False(pull.TryReceiveBytes(out _, ReceiveFlags.DontWait));
    }
}
