using System.Text.RegularExpressions;

namespace Zinc.Tests.Options;

public class OptionTableTests
{
    // Every socket option libzmq 4.3.4 defines (stable, deprecated and DRAFT) plus libzmq master's, by number.
    private static readonly (string Name, int Value)[] LibzmqOptions =
    {
        ("AFFINITY", 4), ("ROUTING_ID", 5), ("SUBSCRIBE", 6), ("UNSUBSCRIBE", 7), ("RATE", 8),
        ("RECOVERY_IVL", 9), ("SNDBUF", 11), ("RCVBUF", 12), ("RCVMORE", 13), ("FD", 14), ("EVENTS", 15),
        ("TYPE", 16), ("LINGER", 17), ("RECONNECT_IVL", 18), ("BACKLOG", 19), ("RECONNECT_IVL_MAX", 21),
        ("MAXMSGSIZE", 22), ("SNDHWM", 23), ("RCVHWM", 24), ("MULTICAST_HOPS", 25), ("RCVTIMEO", 27),
        ("SNDTIMEO", 28), ("LAST_ENDPOINT", 32), ("ROUTER_MANDATORY", 33), ("TCP_KEEPALIVE", 34),
        ("TCP_KEEPALIVE_CNT", 35), ("TCP_KEEPALIVE_IDLE", 36), ("TCP_KEEPALIVE_INTVL", 37), ("IMMEDIATE", 39),
        ("XPUB_VERBOSE", 40), ("ROUTER_RAW", 41), ("IPV6", 42), ("MECHANISM", 43), ("PLAIN_SERVER", 44),
        ("PLAIN_USERNAME", 45), ("PLAIN_PASSWORD", 46), ("CURVE_SERVER", 47), ("CURVE_PUBLICKEY", 48),
        ("CURVE_SECRETKEY", 49), ("CURVE_SERVERKEY", 50), ("PROBE_ROUTER", 51), ("REQ_CORRELATE", 52),
        ("REQ_RELAXED", 53), ("CONFLATE", 54), ("ZAP_DOMAIN", 55), ("ROUTER_HANDOVER", 56), ("TOS", 57),
        ("CONNECT_ROUTING_ID", 61), ("GSSAPI_SERVER", 62), ("GSSAPI_PRINCIPAL", 63),
        ("GSSAPI_SERVICE_PRINCIPAL", 64), ("GSSAPI_PLAINTEXT", 65), ("HANDSHAKE_IVL", 66), ("SOCKS_PROXY", 68),
        ("XPUB_NODROP", 69), ("BLOCKY", 70), ("XPUB_MANUAL", 71), ("XPUB_WELCOME_MSG", 72),
        ("STREAM_NOTIFY", 73), ("INVERT_MATCHING", 74), ("HEARTBEAT_IVL", 75), ("HEARTBEAT_TTL", 76),
        ("HEARTBEAT_TIMEOUT", 77), ("XPUB_VERBOSER", 78), ("CONNECT_TIMEOUT", 79), ("TCP_MAXRT", 80),
        ("THREAD_SAFE", 81), ("MULTICAST_MAXTPDU", 84), ("VMCI_BUFFER_SIZE", 85), ("VMCI_BUFFER_MIN_SIZE", 86),
        ("VMCI_BUFFER_MAX_SIZE", 87), ("VMCI_CONNECT_TIMEOUT", 88), ("USE_FD", 89),
        ("GSSAPI_PRINCIPAL_NAMETYPE", 90), ("GSSAPI_SERVICE_PRINCIPAL_NAMETYPE", 91), ("BINDTODEVICE", 92),
        ("IDENTITY", 5), ("CONNECT_RID", 61), ("TCP_ACCEPT_FILTER", 38), ("IPC_FILTER_PID", 58),
        ("IPC_FILTER_UID", 59), ("IPC_FILTER_GID", 60), ("IPV4ONLY", 31), ("DELAY_ATTACH_ON_CONNECT", 39),
        ("FAIL_UNROUTABLE", 33), ("ROUTER_BEHAVIOR", 33),
        ("ZAP_ENFORCE_DOMAIN", 93), ("LOOPBACK_FASTPATH", 94), ("METADATA", 95), ("MULTICAST_LOOP", 96),
        ("ROUTER_NOTIFY", 97), ("XPUB_MANUAL_LAST_VALUE", 98), ("SOCKS_USERNAME", 99), ("SOCKS_PASSWORD", 100),
        ("IN_BATCH_SIZE", 101), ("OUT_BATCH_SIZE", 102), ("WSS_KEY_PEM", 103), ("WSS_CERT_PEM", 104),
        ("WSS_TRUST_PEM", 105), ("WSS_HOSTNAME", 106), ("WSS_TRUST_SYSTEM", 107), ("ONLY_FIRST_SUBSCRIBE", 108),
        ("RECONNECT_STOP", 109), ("HELLO_MSG", 110), ("DISCONNECT_MSG", 111), ("PRIORITY", 112),
        ("BUSY_POLL", 113), ("HICCUP_MSG", 114), ("XSUB_VERBOSE_UNSUBSCRIBE", 115), ("TOPICS_COUNT", 116),
        ("NORM_MODE", 117), ("NORM_UNICAST_NACK", 118), ("NORM_BUFFER_SIZE", 119), ("NORM_SEGMENT_SIZE", 120),
        ("NORM_BLOCK_SIZE", 121), ("NORM_NUM_PARITY", 122), ("NORM_NUM_AUTOPARITY", 123), ("NORM_PUSH", 124),
    };

    private static SocketOption? ByLibzmqName(string name)
    {
        string key = name.Replace("_", "", StringComparison.Ordinal);
        foreach (string member in Enum.GetNames<SocketOption>())
            if (string.Equals(member, key, StringComparison.OrdinalIgnoreCase)) return Enum.Parse<SocketOption>(member);
        return null;
    }

    [Fact]
    public void EnumHasEveryLibzmqOptionWithItsNumber()
    {
        foreach ((string name, int value) in LibzmqOptions)
        {
            SocketOption? option = ByLibzmqName(name);
            Assert.True(option.HasValue, $"ZMQ_{name} has no SocketOption member");
            Assert.Equal(value, (int)option!.Value);
        }
    }

    [Fact]
    public void EnumAgreesWithInstalledHeader()
    {
        const string header = "/usr/include/zmq.h";
        if (!File.Exists(header)) return;
        string text = File.ReadAllText(header);
        int start = text.IndexOf("/*  Socket options.", StringComparison.Ordinal);
        int end = text.IndexOf("/*  Message options", StringComparison.Ordinal);
        int draft = text.IndexOf("/*  DRAFT Socket options.", StringComparison.Ordinal);
        int draftEnd = text.IndexOf("/*  DRAFT ZMQ_RECONNECT_STOP options", StringComparison.Ordinal);
        int deprecated = text.IndexOf("/*  Deprecated options and aliases", StringComparison.Ordinal);
        int deprecatedEnd = text.IndexOf("/*  Deprecated Message options", StringComparison.Ordinal);
        Assert.True(start > 0 && end > start && draft > 0 && draftEnd > draft && deprecatedEnd > deprecated && deprecated > 0);
        string block = text[start..end] + text[draft..draftEnd] + text[deprecated..deprecatedEnd];
        int checkedCount = 0;
        foreach (Match match in Regex.Matches(block, @"#define ZMQ_(\w+) (\d+)"))
        {
            SocketOption? option = ByLibzmqName(match.Groups[1].Value);
            Assert.True(option.HasValue, $"ZMQ_{match.Groups[1].Value} has no SocketOption member");
            Assert.Equal(int.Parse(match.Groups[2].Value), (int)option!.Value);
            checkedCount++;
        }
        Assert.True(checkedCount > 95, $"only {checkedCount} options found in the header");
    }

    [Fact]
    public void EveryOptionButBlockyIsInTheTable()
    {
        foreach (SocketOption option in Enum.GetValues<SocketOption>())
        {
            if (option == SocketOption.Blocky) Assert.Null(OptionTable.Find(option));
            else Assert.True(OptionTable.IsKnown(option), $"{option} is missing from the table");
        }
        Assert.All(Enum.GetValues<SocketOption>(), o => Assert.True((int)o < OptionTable.Capacity));
    }

    [Fact]
    public void ComputedAndActionOptionsAreMarked()
    {
        foreach (SocketOption option in new[] { SocketOption.RcvMore, SocketOption.Fd, SocketOption.Events,
                     SocketOption.Type, SocketOption.LastEndpoint, SocketOption.ThreadSafe, SocketOption.TopicsCount })
        {
            OptionSpec spec = OptionTable.Find(option)!;
            Assert.True(spec.IsComputed);
            Assert.True(spec.CanGet);
            Assert.False(spec.CanSet);
        }
        foreach (SocketOption option in new[] { SocketOption.Subscribe, SocketOption.Unsubscribe })
        {
            OptionSpec spec = OptionTable.Find(option)!;
            Assert.True(spec.IsAction);
            Assert.False(spec.CanGet);
        }
        Assert.True(OptionTable.Find(SocketOption.XpubWelcomeMsg)!.IsStored);
        Assert.True(OptionTable.Find(SocketOption.RouterMandatory)!.IsStored);
    }

    [Fact]
    public void UnknownNumbersAreNotFound()
    {
        Assert.Null(OptionTable.Find((SocketOption)0));
        Assert.Null(OptionTable.Find((SocketOption)10));
        Assert.Null(OptionTable.Find((SocketOption)67));
        Assert.Null(OptionTable.Find((SocketOption)125));
        Assert.Null(OptionTable.Find((SocketOption)(-1)));
        Assert.Null(OptionTable.Find((SocketOption)100000));
    }
}
