using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>
/// The harness checked against libzmq alone (python peer to python peer, raw bytes to libzmq), so a
/// failure in the Zinc interop tests points at Zinc, not at the harness.
/// </summary>
public sealed class HarnessTests
{
    public static TheoryData<string, bool> LibzmqCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (PatternCase c in PatternCase.All)
        {
            data.Add(c.Name, true);
            data.Add(c.Name, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LibzmqCases))]
    public void Libzmq_to_libzmq_exchange_works(string pair, bool aBinds) =>
        PatternCase.RunCase(PatternCase.Named(pair), zincIsA: true, aBinds, "tcp", allLibzmq: true);

    [Fact]
    public void Libzmq_peers_exchange_multipart_empty_and_large_over_ipc()
    {
        using var bound = LibzmqPeer.Bind("PAIR", BindEndpoint("ipc"));
        using var connected = LibzmqPeer.Connect("PAIR", bound.Endpoint);
        byte[] big = new byte[1 << 20];
        new Random(1).NextBytes(big);
        connected.Send(B("a"), [], B("c"));
        Assert.Equal(["a", "", "c"], bound.RecvStrings());
        bound.Send(big);
        Assert.Equal(big, Assert.Single(connected.Recv()));
    }

    [Fact]
    public void Restarted_peer_serves_the_same_endpoint()
    {
        using var pull = LibzmqPeer.Bind("PULL", "tcp://127.0.0.1:*");
        using var push = LibzmqPeer.Connect("PUSH", pull.Endpoint, "RECONNECT_IVL=20");
        string endpoint = pull.Endpoint;
        push.Send(B("one"));
        Assert.Equal(["one"], pull.RecvStrings());
        pull.Restart();
        Assert.Equal(endpoint, pull.Endpoint);
        byte[][] got = SendUntilReceived(() => push.Send(B("two")), pull);
        Assert.Equal("two", S(got[0]));
    }

    [Fact]
    public void Raw_zmtp3_handshake_is_accepted_by_libzmq()
    {
        using var pull = LibzmqPeer.Bind("PULL", "tcp://127.0.0.1:*");
        using var raw = RawZmtpPeer.Connect(pull.Endpoint);
        Dictionary<string, byte[]> props = raw.Handshake3("PUSH");
        Assert.Equal("PULL", S(props["Socket-Type"]));
        raw.SendMessage(B("raw"), [], new byte[300]);
        byte[][] got = pull.Recv();
        Assert.Equal(3, got.Length);
        Assert.Equal(300, got[2].Length);
    }

    [Fact]
    public void Raw_zmtp2_client_is_served_by_libzmq_both_ways()
    {
        using var pull = LibzmqPeer.Bind("PULL", "tcp://127.0.0.1:*");
        using (var raw = RawZmtpPeer.Connect(pull.Endpoint))
        {
            raw.Write(RawZmtpPeer.Greeting2(socketType: 8)); // PUSH
            var greeting = raw.ReadGreeting2();
            Assert.Equal(7, greeting.SocketType); // PULL
            raw.SendMessage(B("old"), B("school"));
            Assert.Equal(["old", "school"], pull.RecvStrings());
        }

        using var push = LibzmqPeer.Bind("PUSH", "tcp://127.0.0.1:*");
        using var reader = RawZmtpPeer.Connect(push.Endpoint);
        reader.Write(RawZmtpPeer.Greeting2(socketType: 7)); // PULL
        Assert.Equal(8, reader.ReadGreeting2().SocketType);
        push.Send(B("x"), new byte[300]);
        (byte flags, byte[] body) = reader.ReadFrame();
        Assert.Equal(RawZmtpPeer.MoreFlag, flags);
        Assert.Equal("x", S(body));
        (flags, body) = reader.ReadFrame();
        Assert.Equal(0, flags);
        Assert.Equal(300, body.Length);
    }

    [Fact]
    public void Silent_raw_server_is_dropped_by_libzmq_heartbeats()
    {
        using var listener = new RawZmtpListener();
        using var dealer = LibzmqPeer.Connect("DEALER", listener.Endpoint, "HEARTBEAT_IVL=100", "HEARTBEAT_TIMEOUT=300");
        using var raw = listener.Accept();
        raw.Handshake3("ROUTER");
        Assert.Equal("PING", raw.ReadCommand().Name);
        Assert.True(raw.WaitClosed(), "libzmq kept a connection whose peer never answered PING");
    }

    [Theory]
    [MemberData(nameof(BadInputs.Names), MemberType = typeof(BadInputs))]
    public void Libzmq_closes_on_bad_input(string name)
    {
        using var pull = LibzmqPeer.Bind("PULL", "tcp://127.0.0.1:*", BadInputs.SubjectOptions);
        using var raw = RawZmtpPeer.Connect(pull.Endpoint);
        BadInputs.Cases[name](raw);
        Assert.True(raw.WaitClosed(), $"libzmq kept the connection open after {name}");
    }
}
