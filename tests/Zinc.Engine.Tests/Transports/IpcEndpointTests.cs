using static Zinc.Tests.Transports.StreamTestSupport;

namespace Zinc.Tests.Transports;

/// <summary>ipc:// address forms (zmq_ipc(7)) and the socket file's lifetime.</summary>
public sealed class IpcEndpointTests
{
    private static void AssertRoundTrip(Context ctx, Socket pull, string connectTo)
    {
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.Connect(connectTo);
        push.SendString("via " + connectTo);
        Assert.Equal("via " + connectTo, pull.RecvString());
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Path_under_the_temp_directory(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        string path = IpcPath();
        pull.Bind("ipc://" + path);
        Assert.Equal("ipc://" + path, pull.LastEndpoint);
        Assert.True(File.Exists(path), "the socket file exists while bound");
        AssertRoundTrip(ctx, pull, "ipc://" + path);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Abstract_namespace_name(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        string endpoint = $"ipc://@zinc-test-{Guid.NewGuid():N}";
        pull.Bind(endpoint);
        Assert.Equal(endpoint, pull.LastEndpoint);
        AssertRoundTrip(ctx, pull, endpoint);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Wildcard_bind_reports_a_real_path(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind("ipc://*");
        Assert.StartsWith("ipc://", pull.LastEndpoint);
        string path = pull.LastEndpoint["ipc://".Length..];
        Assert.NotEqual("*", path);
        Assert.True(Path.IsPathRooted(path), path);
        Assert.True(File.Exists(path), $"{path} exists while bound");
        AssertRoundTrip(ctx, pull, pull.LastEndpoint);
        // As libzmq 4.3.4: only the real path unbinds, "ipc://*" names nothing.
        Assert.Equal(ZmqError.ENOENT, TestSupport.ErrorOf(() => pull.Unbind("ipc://*")));
        pull.Unbind(pull.LastEndpoint);
        Assert.True(WaitUntil(() => !File.Exists(path)), $"{path} still there after unbind");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Socket_file_is_removed_after_unbind(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        string path = IpcPath();
        pull.Bind("ipc://" + path);
        Assert.True(File.Exists(path));
        pull.Unbind("ipc://" + path);
        Assert.True(WaitUntil(() => !File.Exists(path)), $"{path} still there after unbind");
        // The endpoint can be bound again afterwards.
        pull.Bind("ipc://" + path);
        AssertRoundTrip(ctx, pull, "ipc://" + path);
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Socket_file_is_removed_after_close(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        Socket pull = ctx.CreateStream(SocketType.Pull);
        string path = IpcPath();
        pull.Bind("ipc://" + path);
        AssertRoundTrip(ctx, pull, "ipc://" + path);
        pull.Close();
        Assert.True(WaitUntil(() => !File.Exists(path)), $"{path} still there after close");
    }

    [Theory]
    [MemberData(nameof(Backends), MemberType = typeof(StreamTestSupport))]
    public void Connect_to_a_missing_path_retries_until_it_is_bound(IoBackend backend)
    {
        using var ctx = NewContext(backend);
        using Socket push = ctx.CreateStream(SocketType.Push);
        push.SetOption(SocketOption.ReconnectIvl, 10);
        string endpoint = "ipc://" + IpcPath();
        using var events = new MonitorReader(ctx, push);
        push.Connect(endpoint);
        Assert.Equal(endpoint, events.WaitFor(SocketEvents.ConnectRetried).Endpoint);
        push.SendString("queued");
        using Socket pull = ctx.CreateStream(SocketType.Pull);
        pull.Bind(endpoint);
        Assert.Equal("queued", pull.RecvString());
    }

    // libzmq 4.3.4 (checked with python3-zmq): zmq_connect itself refuses a path or abstract
    // name longer than a unix socket address holds; "ipc://*" is accepted as a path.
    [Theory]
    [InlineData("ipc:///tmp/")]
    [InlineData("ipc://@")]
    public void Connect_to_a_name_too_long_for_a_unix_address_is_enametoolong(string prefix)
    {
        using var ctx = new Context();
        using Socket push = ctx.CreateStream(SocketType.Push);
        Assert.Equal(ZmqError.ENAMETOOLONG, TestSupport.ErrorOf(() => push.Connect(prefix + new string('x', 120))));
        push.Connect("ipc://*");
    }
}
