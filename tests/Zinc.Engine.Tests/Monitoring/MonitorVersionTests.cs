using System.Buffers.Binary;
using System.Text;
using Zinc.Monitoring;

namespace Zinc.Tests.Monitoring;

/// <summary>
/// zmq_socket_monitor_versioned's side of the engine: version 2 frames (libzmq 4.3.4's layout,
/// from its zmq_socket_monitor_versioned(3) and source), the endpoint pair each event carries,
/// the monitor socket types, and the argument checks in libzmq's order.
/// </summary>
public sealed class MonitorVersionTests
{
    private const ulong AllV2 = 0xFFFF | 0x10000;

    private static (Context Context, Socket Monitored, Socket Reader) Monitored(int version, SocketType type = SocketType.Pair, ulong events = AllV2)
    {
        var context = new Context();
        Socket monitored = context.Create(SocketType.Dealer);
        string endpoint = TestSupport.Inproc("monitor-v");
        monitored.Monitor(endpoint, events, version, type);
        Socket reader = context.Create(type == SocketType.Push ? SocketType.Pull : SocketType.Pair);
        reader.Connect(endpoint);
        return (context, monitored, reader);
    }

    private static ulong UInt64Frame(Socket reader, bool more = true)
    {
        byte[] frame = reader.ReceiveBytes();
        Assert.Equal(8, frame.Length);
        Assert.Equal(more, reader.HasMore);
        return BinaryPrimitives.ReadUInt64LittleEndian(frame);
    }

    private static string TextFrame(Socket reader, bool more)
    {
        string text = reader.ReceiveString();
        Assert.Equal(more, reader.HasMore);
        return text;
    }

    /// <summary>Reads one version 2 event; every event the engine sends has one value.</summary>
    private static (ulong Event, ulong Value, string Local, string Remote) ReadV2(Socket reader)
    {
        ulong e = UInt64Frame(reader);
        Assert.Equal(1UL, UInt64Frame(reader));
        ulong value = UInt64Frame(reader);
        return (e, value, TextFrame(reader, more: true), TextFrame(reader, more: false));
    }

    [Fact]
    public void Version_2_sends_event_count_value_local_and_remote_as_five_frames()
    {
        var (context, monitored, reader) = Monitored(MonitorVersion.V2);
        using (context)
        using (monitored)
        using (reader)
        {
            monitored.EmitEvent(SocketEvents.HandshakeSucceeded, 0, new EndpointPair("tcp://127.0.0.1:1", "tcp://127.0.0.1:2", Bound: true));
            monitored.EmitEvent(SocketEvents.HandshakeFailedAuth, -1, EndpointPair.ForConnect("tcp://host:3"));

            Assert.Equal((0x1000UL, 0UL, "tcp://127.0.0.1:1", "tcp://127.0.0.1:2"), ReadV2(reader));
            // The value widens as a signed int, as libzmq's static_cast<uint64_t>(int).
            Assert.Equal((0x4000UL, ulong.MaxValue, "", "tcp://host:3"), ReadV2(reader));
        }
    }

    [Fact]
    public void Version_1_carries_the_local_endpoint_of_a_bound_pair_and_the_remote_one_of_a_connected_pair()
    {
        var (context, monitored, reader) = Monitored(MonitorVersion.V1, events: 0xFFFF);
        using (context)
        using (monitored)
        using (reader)
        {
            monitored.EmitEvent(SocketEvents.Disconnected, 5, new EndpointPair("tcp://127.0.0.1:1", "tcp://127.0.0.1:2", Bound: true));
            monitored.EmitEvent(SocketEvents.Disconnected, 6, new EndpointPair("tcp://127.0.0.1:3", "tcp://server:4", Bound: false));
            Assert.Equal(new MonitorEvent(SocketEvents.Disconnected, 5, "tcp://127.0.0.1:1"), MonitorEvent.Receive(reader));
            Assert.Equal(new MonitorEvent(SocketEvents.Disconnected, 6, "tcp://server:4"), MonitorEvent.Receive(reader));
        }
    }

    [Fact]
    public void Stopping_sends_monitor_stopped_with_value_0_and_no_endpoints()
    {
        var (context, monitored, reader) = Monitored(MonitorVersion.V2);
        using (context)
        using (monitored)
        using (reader)
        {
            monitored.Monitor(null, 0, MonitorVersion.V2, SocketType.Pair);
            Assert.Equal((0x400UL, 0UL, "", ""), ReadV2(reader));
        }
    }

    [Fact]
    public void A_push_monitor_socket_sends_the_same_frames()
    {
        var (context, monitored, reader) = Monitored(MonitorVersion.V2, SocketType.Push);
        using (context)
        using (monitored)
        using (reader)
        {
            monitored.EmitEvent(SocketEvents.Listening, 7, "tcp://127.0.0.1:9");
            Assert.Equal((0x8UL, 7UL, "tcp://127.0.0.1:9", ""), ReadV2(reader));
        }
    }

    [Fact]
    public void On_a_pub_monitor_socket_the_event_frame_is_the_topic()
    {
        using var context = new Context();
        using Socket monitored = context.Create(SocketType.Dealer);
        string endpoint = TestSupport.Inproc("monitor-pub");
        monitored.Monitor(endpoint, AllV2, MonitorVersion.V2, SocketType.Pub);
        using Socket listening = context.Create(SocketType.Sub);
        byte[] topic = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(topic, (ulong)SocketEvents.Listening);
        listening.Subscribe(topic);
        listening.Connect(endpoint);
        // The subscription reaches the PUB asynchronously; until then it drops what it sends.
        var items = new PollItem[] { new(listening, PollEvents.PollIn) };
        for (int i = 0; ZmqPoll.Poll(items, 10) == 0; i++)
        {
            Assert.True(i < 500, "no event reached the subscriber");
            monitored.EmitEvent(SocketEvents.Accepted, 1, "tcp://127.0.0.1:9");
            monitored.EmitEvent(SocketEvents.Listening, 2, "tcp://127.0.0.1:9");
        }
        Assert.Equal((0x8UL, 2UL, "tcp://127.0.0.1:9", ""), ReadV2(listening));
    }

    [Fact]
    public void An_unknown_version_binds_but_sends_nothing_as_in_libzmq()
    {
        var (context, monitored, reader) = Monitored(3);
        using (context)
        using (monitored)
        using (reader)
        {
            monitored.EmitEvent(SocketEvents.Listening, 1, "tcp://127.0.0.1:9");
            monitored.Monitor(null, 0, 3, SocketType.Pair);
            Assert.False(reader.TryReceiveBytes(out _, ReceiveFlags.DontWait));
        }
    }

    [Fact]
    public void Arguments_are_checked_in_libzmq_order()
    {
        var (context, monitored, reader) = Monitored(MonitorVersion.V2);
        using (context)
        using (monitored)
        using (reader)
        {
            // Version 1 has 16 event bits: refused before anything else, the monitor keeps running.
            Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => monitored.Monitor(null, 0x10000, MonitorVersion.V1, SocketType.Pair)));
            Assert.Equal(ZmqError.EPROTONOSUPPORT, TestSupport.ErrorOf(() => monitored.Monitor("tcp://127.0.0.1:1", AllV2, 2, SocketType.Pair)));
            monitored.EmitEvent(SocketEvents.Listening, 1, "still");
            Assert.Equal((0x8UL, 1UL, "still", ""), ReadV2(reader));
            // A wrong socket type is found only after the old monitor stopped.
            Assert.Equal(ZmqError.EINVAL, TestSupport.ErrorOf(() => monitored.Monitor(TestSupport.Inproc("m"), AllV2, 2, SocketType.Sub)));
            Assert.Equal((0x400UL, 0UL, "", ""), ReadV2(reader));
        }
    }

    [Fact]
    public void Tcp_events_name_the_bound_endpoint_then_both_real_ends_of_the_connection()
    {
        using var context = new Context();
        using Socket server = context.Create(SocketType.Dealer);
        using Socket client = context.Create(SocketType.Dealer);
        string serverMonitor = TestSupport.Inproc("server-v2"), clientMonitor = TestSupport.Inproc("client-v2");
        server.Monitor(serverMonitor, AllV2, MonitorVersion.V2, SocketType.Pair);
        client.Monitor(clientMonitor, AllV2, MonitorVersion.V2, SocketType.Pair);
        using Socket serverEvents = context.Create(SocketType.Pair);
        using Socket clientEvents = context.Create(SocketType.Pair);
        serverEvents.Connect(serverMonitor);
        clientEvents.Connect(clientMonitor);

        server.Bind("tcp://127.0.0.1:*");
        string bound = server.LastEndpoint;
        Assert.Equal((0x8UL, bound, ""), Without(ReadV2(serverEvents)));
        client.Connect(bound);
        Assert.Equal((0x20UL, bound, ""), Without(ReadV2(serverEvents)));
        var accepted = ReadV2(serverEvents);
        Assert.Equal((0x1000UL, 0UL, bound), (accepted.Event, accepted.Value, accepted.Local));
        Assert.StartsWith("tcp://127.0.0.1:", accepted.Remote, StringComparison.Ordinal);

        var e = ReadV2(clientEvents);
        if (e.Event == (ulong)SocketEvents.ConnectDelayed) e = ReadV2(clientEvents);
        Assert.Equal((0x1UL, "", bound), Without(e));
        Assert.Equal((0x1000UL, accepted.Remote, bound), Without(ReadV2(clientEvents)));
    }

    private static (ulong Event, string Local, string Remote) Without((ulong Event, ulong Value, string Local, string Remote) e) =>
        (e.Event, e.Local, e.Remote);
}
