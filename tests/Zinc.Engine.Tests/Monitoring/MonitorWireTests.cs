using System.Buffers.Binary;
using System.Text;

namespace Zinc.Tests.Monitoring;

/// <summary>The bytes a monitor sends: libzmq 4.3.4's two frames (checked against python3-zmq).</summary>
public sealed class MonitorWireTests
{
    [Fact]
    public void Event_is_a_six_byte_little_endian_header_then_the_endpoint()
    {
        using var f = new MonitorFixture();
        f.Socket.EmitEvent(SocketEvents.Listening, 12, "tcp://127.0.0.1:5555");

        byte[] header = f.Reader.ReceiveBytes();
        Assert.True(f.Reader.HasMore);
        Assert.Equal(new byte[] { 0x08, 0x00, 0x0C, 0x00, 0x00, 0x00 }, header);
        byte[] endpoint = f.Reader.ReceiveBytes();
        Assert.False(f.Reader.HasMore);
        Assert.Equal(Encoding.UTF8.GetBytes("tcp://127.0.0.1:5555"), endpoint);
    }

    [Fact]
    public void High_event_numbers_and_negative_values_keep_every_bit()
    {
        using var f = new MonitorFixture();
        f.Socket.EmitEvent(SocketEvents.HandshakeFailedAuth, -1, "e");
        f.Socket.EmitEvent(SocketEvents.ConnectRetried, 0x12345678, "e");

        Assert.Equal(new byte[] { 0x00, 0x40, 0xFF, 0xFF, 0xFF, 0xFF }, f.Reader.ReceiveBytes());
        f.Reader.ReceiveBytes();
        Assert.Equal(new byte[] { 0x04, 0x00, 0x78, 0x56, 0x34, 0x12 }, f.Reader.ReceiveBytes());
        f.Reader.ReceiveBytes();
    }

    [Fact]
    public void Reader_parses_what_the_monitor_sends()
    {
        using var f = new MonitorFixture();
        string longEndpoint = "ipc:///tmp/" + new string('é', 300); // past the stack buffer, multi-byte UTF-8
        f.Socket.EmitEvent(SocketEvents.Accepted, 15, "tcp://127.0.0.1:1");
        f.Socket.EmitEvent(SocketEvents.Disconnected, 7, longEndpoint);

        Assert.Equal(new MonitorEvent(SocketEvents.Accepted, 15, "tcp://127.0.0.1:1"), MonitorEvent.Receive(f.Reader));
        Assert.Equal(new MonitorEvent(SocketEvents.Disconnected, 7, longEndpoint), MonitorEvent.Receive(f.Reader));
        Assert.False(f.TryReadNow(out _));
    }

    [Fact]
    public void Enum_values_match_zmq_h()
    {
        Assert.Equal(0x0001, (int)SocketEvents.Connected);
        Assert.Equal(0x0002, (int)SocketEvents.ConnectDelayed);
        Assert.Equal(0x0004, (int)SocketEvents.ConnectRetried);
        Assert.Equal(0x0008, (int)SocketEvents.Listening);
        Assert.Equal(0x0010, (int)SocketEvents.BindFailed);
        Assert.Equal(0x0020, (int)SocketEvents.Accepted);
        Assert.Equal(0x0040, (int)SocketEvents.AcceptFailed);
        Assert.Equal(0x0080, (int)SocketEvents.Closed);
        Assert.Equal(0x0100, (int)SocketEvents.CloseFailed);
        Assert.Equal(0x0200, (int)SocketEvents.Disconnected);
        Assert.Equal(0x0400, (int)SocketEvents.MonitorStopped);
        Assert.Equal(0x0800, (int)SocketEvents.HandshakeFailedNoDetail);
        Assert.Equal(0x1000, (int)SocketEvents.HandshakeSucceeded);
        Assert.Equal(0x2000, (int)SocketEvents.HandshakeFailedProtocol);
        Assert.Equal(0x4000, (int)SocketEvents.HandshakeFailedAuth);
        Assert.Equal(0xFFFF, (int)SocketEvents.All);
    }

    [Fact]
    public void Malformed_first_frame_is_EINVAL_and_the_next_event_still_reads()
    {
        using var ctx = new Context();
        using var sender = ctx.Create(SocketType.Pair);
        using var reader = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc();
        sender.Bind(ep);
        reader.Connect(ep);
        sender.Send(new byte[5], SendFlags.SendMore);
        sender.Send("x", SendFlags.SendMore);
        sender.Send("y");
        sender.Send(new byte[6]); // right size, but no endpoint frame
        byte[] header = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)SocketEvents.Closed);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(2), 9);
        sender.Send(header, SendFlags.SendMore);
        sender.Send("tcp://h:1");

        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => MonitorEvent.Receive(reader)));
        Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => MonitorEvent.Receive(reader)));
        Assert.Equal(new MonitorEvent(SocketEvents.Closed, 9, "tcp://h:1"), MonitorEvent.Receive(reader));
    }

    [Fact]
    public void Concurrent_emitters_all_arrive_and_frames_never_interleave()
    {
        const int threads = 8;
        const int perThread = 2000;
        using var f = new MonitorFixture(readerRcvHwm: 0); // unlimited: nothing is dropped
        using var start = new Barrier(threads);
        var tasks = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            tasks[t] = TestSupport.RunBounded(() =>
            {
                start.SignalAndWait(TestSupport.TimeoutMs);
                for (int i = 0; i < perThread; i++)
                    f.Socket.EmitEvent(SocketEvents.Connected, id * 1_000_000 + i, $"tcp://thread-{id}:{i}");
            });
        }
        foreach (Task task in tasks) task.WaitBounded("emitters");

        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++)
        {
            MonitorEvent ev = MonitorEvent.Receive(f.Reader);
            int id = ev.Value / 1_000_000, i = ev.Value % 1_000_000;
            Assert.Equal(SocketEvents.Connected, ev.Event);
            Assert.Equal($"tcp://thread-{id}:{i}", ev.Endpoint); // the header's own endpoint, not a neighbour's
            Assert.Equal(next[id]++, i); // each emitter's events stay in order
        }
        Assert.All(next, count => Assert.Equal(perThread, count));
        Assert.False(f.TryReadNow(out _));
    }

    [Fact]
    public void Stopping_while_other_threads_emit_ends_the_stream_with_MonitorStopped()
    {
        const int threads = 4;
        using var f = new MonitorFixture(readerRcvHwm: 0);
        using var running = new CountdownEvent(threads);
        using var stop = new ManualResetEventSlim();
        var tasks = new Task[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            tasks[t] = TestSupport.RunBounded(() =>
            {
                f.Socket.EmitEvent(SocketEvents.Connected, id, $"tcp://thread-{id}:0");
                running.Signal();
                for (int i = 1; !stop.IsSet; i++) f.Socket.EmitEvent(SocketEvents.Connected, id, $"tcp://thread-{id}:{i}");
            });
        }
        Assert.True(running.Wait(TestSupport.TimeoutMs));
        f.Socket.Monitor(null); // races with the emitters: each event lands whole before the stop, or not at all
        stop.Set();
        foreach (Task task in tasks) task.WaitBounded("emitters");

        int count = 0;
        MonitorEvent ev;
        while ((ev = MonitorEvent.Receive(f.Reader)).Event != SocketEvents.MonitorStopped)
        {
            Assert.StartsWith($"tcp://thread-{ev.Value}:", ev.Endpoint);
            count++;
        }
        Assert.True(count >= threads);
        Assert.Equal(0, ev.Value);
        Assert.Equal("", ev.Endpoint);
        Assert.False(f.TryReadNow(out _));
    }

    [Fact]
    public void Full_monitor_pipe_drops_events_instead_of_blocking_the_emitter()
    {
        const int emitted = 20_000; // well past the default 1000 + 1000 inproc credit
        using var f = new MonitorFixture();
        TestSupport.RunBounded(() =>
        {
            for (int i = 0; i < emitted; i++) f.Socket.EmitEvent(SocketEvents.Accepted, i, "tcp://x:1");
        }).WaitBounded("emitting into a full monitor pipe");

        int received = 0;
        while (f.TryReadNow(out MonitorEvent ev))
        {
            Assert.Equal(received, ev.Value); // the oldest are kept, the overflow dropped
            Assert.Equal("tcp://x:1", ev.Endpoint);
            received++;
        }
        Assert.InRange(received, 1, emitted - 1);
    }

    [Fact]
    public void Events_before_a_reader_connects_are_dropped_without_blocking()
    {
        using var ctx = new Context();
        using var socket = ctx.Create(SocketType.Pair);
        string ep = TestSupport.Inproc("monitor");
        socket.Monitor(ep);
        for (int i = 0; i < 10_000; i++) socket.EmitEvent(SocketEvents.Listening, i, "tcp://early:1");
        using var reader = ctx.Create(SocketType.Pair);
        reader.Connect(ep);
        socket.EmitEvent(SocketEvents.Listening, -5, "tcp://late:1");

        Assert.Equal(new MonitorEvent(SocketEvents.Listening, -5, "tcp://late:1"), MonitorEvent.Receive(reader));
    }
}
