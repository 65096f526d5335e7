using System.Text;
using Zinc;

namespace NetMQ.Sockets;

/// <summary>REQ: sends a request, then receives its reply. Without a prefix, the endpoints of the connection string are connected.</summary>
public class RequestSocket : NetMQSocket
{
    /// <summary>A REQ socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public RequestSocket(string? connectionString = null) : base(ZmqSocketType.Req, connectionString, DefaultAction.Connect) { }
}

/// <summary>REP: receives a request, then sends its reply. Without a prefix, the endpoints of the connection string are bound.</summary>
public class ResponseSocket : NetMQSocket
{
    /// <summary>A REP socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public ResponseSocket(string? connectionString = null) : base(ZmqSocketType.Rep, connectionString, DefaultAction.Bind) { }
}

/// <summary>DEALER: asynchronous request/reply, round-robin out, fair-queued in. Without a prefix, the endpoints of the connection string are connected.</summary>
public class DealerSocket : NetMQSocket
{
    /// <summary>A DEALER socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public DealerSocket(string? connectionString = null) : base(ZmqSocketType.Dealer, connectionString, DefaultAction.Connect) { }
}

/// <summary>ROUTER: prefixes each received message with the sender's identity; routes sends by the first frame. Without a prefix, the endpoints of the connection string are bound.</summary>
public class RouterSocket : NetMQSocket
{
    /// <summary>A ROUTER socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public RouterSocket(string? connectionString = null) : base(ZmqSocketType.Router, connectionString, DefaultAction.Bind) { }
}

/// <summary>PUB: distributes messages to all matching subscribers. Without a prefix, the endpoints of the connection string are bound.</summary>
public class PublisherSocket : NetMQSocket
{
    /// <summary>A PUB socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public PublisherSocket(string? connectionString = null) : base(ZmqSocketType.Pub, connectionString, DefaultAction.Bind) { }

    /// <summary>A publisher cannot receive.</summary>
    public override bool TryReceive(ref Msg msg, TimeSpan timeout) =>
        throw new NotSupportedException("Publisher doesn't support receiving");
}

/// <summary>SUB: receives the messages whose prefix it subscribed to. Without a prefix, the endpoints of the connection string are connected.</summary>
public class SubscriberSocket : NetMQSocket
{
    /// <summary>A SUB socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public SubscriberSocket(string? connectionString = null) : base(ZmqSocketType.Sub, connectionString, DefaultAction.Connect) { }

    /// <summary>Subscribes to messages starting with <paramref name="topic"/> (UTF-8).</summary>
    public void Subscribe(string topic) => Subscribe(topic, Encoding.UTF8);
    /// <summary>Subscribes to messages starting with <paramref name="topic"/>.</summary>
    public void Subscribe(string topic, Encoding encoding) => Subscribe(encoding.GetBytes(topic));
    /// <summary>Subscribes to messages starting with <paramref name="topic"/>.</summary>
    public void Subscribe(byte[] topic) => Wrap(() => Handle.Subscribe(topic));
    /// <summary>Subscribes to all messages.</summary>
    public void SubscribeToAnyTopic() => Subscribe(Array.Empty<byte>());
    /// <summary>Removes a subscription (UTF-8).</summary>
    public void Unsubscribe(string topic) => Unsubscribe(topic, Encoding.UTF8);
    /// <summary>Removes a subscription.</summary>
    public void Unsubscribe(string topic, Encoding encoding) => Unsubscribe(encoding.GetBytes(topic));
    /// <summary>Removes a subscription.</summary>
    public void Unsubscribe(byte[] topic) => Wrap(() => Handle.SetOption(SocketOption.Unsubscribe, topic));

    /// <summary>A subscriber cannot send.</summary>
    public override bool TrySend(ref Msg msg, TimeSpan timeout, bool more) =>
        throw new NotSupportedException("Subscriber socket doesn't support sending");
}

/// <summary>XPUB: a publisher that receives subscriptions as messages. Without a prefix, the endpoints of the connection string are bound.</summary>
public class XPublisherSocket : NetMQSocket
{
    /// <summary>A XPUB socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public XPublisherSocket(string? connectionString = null) : base(ZmqSocketType.Xpub, connectionString, DefaultAction.Bind) { }

    /// <summary>Adds a subscription (ZMQ_XPUB_MANUAL mode), UTF-8.</summary>
    public void Subscribe(string topic) => Subscribe(topic, Encoding.UTF8);
    /// <summary>Adds a subscription (ZMQ_XPUB_MANUAL mode).</summary>
    public void Subscribe(string topic, Encoding encoding) => Subscribe(encoding.GetBytes(topic));
    /// <summary>Adds a subscription (ZMQ_XPUB_MANUAL mode).</summary>
    public void Subscribe(byte[] topic) => Wrap(() => Handle.SetOption(SocketOption.Subscribe, topic));
    /// <summary>Removes a subscription (ZMQ_XPUB_MANUAL mode), UTF-8.</summary>
    public void Unsubscribe(string topic) => Unsubscribe(topic, Encoding.UTF8);
    /// <summary>Removes a subscription (ZMQ_XPUB_MANUAL mode).</summary>
    public void Unsubscribe(string topic, Encoding encoding) => Unsubscribe(encoding.GetBytes(topic));
    /// <summary>Removes a subscription (ZMQ_XPUB_MANUAL mode).</summary>
    public void Unsubscribe(byte[] topic) => Wrap(() => Handle.SetOption(SocketOption.Unsubscribe, topic));
    /// <summary>Sets ZMQ_XPUB_WELCOME_MSG (UTF-8).</summary>
    public void SetWelcomeMessage(string welcomeMessage) => SetWelcomeMessage(welcomeMessage, Encoding.UTF8);
    /// <summary>Sets ZMQ_XPUB_WELCOME_MSG.</summary>
    public void SetWelcomeMessage(string welcomeMessage, Encoding encoding) => SetWelcomeMessage(encoding.GetBytes(welcomeMessage));
    /// <summary>Sets ZMQ_XPUB_WELCOME_MSG.</summary>
    public void SetWelcomeMessage(byte[] welcomeMessage) => Wrap(() => Handle.SetOption(SocketOption.XpubWelcomeMsg, welcomeMessage));
    /// <summary>Clears ZMQ_XPUB_WELCOME_MSG.</summary>
    public void ClearWelcomeMessage() => SetWelcomeMessage(Array.Empty<byte>());
}

/// <summary>XSUB: a subscriber that sends subscriptions as messages. Without a prefix, the endpoints of the connection string are connected.</summary>
public class XSubscriberSocket : NetMQSocket
{
    /// <summary>A XSUB socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public XSubscriberSocket(string? connectionString = null) : base(ZmqSocketType.Xsub, connectionString, DefaultAction.Connect) { }

    /// <summary>Sends a subscription message for <paramref name="topic"/> (UTF-8).</summary>
    public void Subscribe(string topic) => Subscribe(topic, Encoding.UTF8);
    /// <summary>Sends a subscription message for <paramref name="topic"/>.</summary>
    public void Subscribe(string topic, Encoding encoding) => Subscribe(encoding.GetBytes(topic));
    /// <summary>Sends a subscription message for <paramref name="topic"/>.</summary>
    public void Subscribe(byte[] topic) => SendCommand(1, topic);
    /// <summary>Subscribes to all messages.</summary>
    public void SubscribeToAnyTopic() => Subscribe(Array.Empty<byte>());
    /// <summary>Sends an unsubscription message (UTF-8).</summary>
    public void Unsubscribe(string topic) => Unsubscribe(topic, Encoding.UTF8);
    /// <summary>Sends an unsubscription message.</summary>
    public void Unsubscribe(string topic, Encoding encoding) => Unsubscribe(encoding.GetBytes(topic));
    /// <summary>Sends an unsubscription message.</summary>
    public void Unsubscribe(byte[] topic) => SendCommand(0, topic);

    private void SendCommand(byte kind, byte[] topic)
    {
        var bytes = new byte[topic.Length + 1];
        bytes[0] = kind;
        topic.CopyTo(bytes, 1);
        Wrap(() => Handle.Send(bytes));
    }
}

/// <summary>PUSH: pipeline sender, round-robin. Without a prefix, the endpoints of the connection string are connected.</summary>
public class PushSocket : NetMQSocket
{
    /// <summary>A PUSH socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public PushSocket(string? connectionString = null) : base(ZmqSocketType.Push, connectionString, DefaultAction.Connect) { }

    /// <summary>A push socket cannot receive.</summary>
    public override bool TryReceive(ref Msg msg, TimeSpan timeout) =>
        throw new NotSupportedException("Push socket doesn't support receiving");
}

/// <summary>PULL: pipeline receiver, fair-queued. Without a prefix, the endpoints of the connection string are bound.</summary>
public class PullSocket : NetMQSocket
{
    /// <summary>A PULL socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public PullSocket(string? connectionString = null) : base(ZmqSocketType.Pull, connectionString, DefaultAction.Bind) { }

    /// <summary>A pull socket cannot send.</summary>
    public override bool TrySend(ref Msg msg, TimeSpan timeout, bool more) =>
        throw new NotSupportedException("Pull socket doesn't support sending");
}

/// <summary>PAIR: an exclusive connection to one peer. Without a prefix, the endpoints of the connection string are connected.</summary>
public class PairSocket : NetMQSocket
{
    /// <summary>A PAIR socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public PairSocket(string? connectionString = null) : base(ZmqSocketType.Pair, connectionString, DefaultAction.Connect) { }

    private static int _pairCount;

    /// <summary>Two PAIR sockets connected over a fresh inproc endpoint.</summary>
    public static void CreateSocketPair(out PairSocket socket1, out PairSocket socket2) =>
        CreateSocketPair(out socket1, out socket2, null, null);

    /// <summary>Two PAIR sockets connected over a fresh inproc endpoint; the actions configure each before bind/connect.</summary>
    public static void CreateSocketPair(out PairSocket socket1, out PairSocket socket2, Action<PairSocket>? socket1Creator, Action<PairSocket>? socket2Creator)
    {
        string address = $"inproc://NetMQSocketPair#{Interlocked.Increment(ref _pairCount)}-{Guid.NewGuid():N}";
        socket1 = new PairSocket();
        socket1Creator?.Invoke(socket1);
        socket1.Bind(address);
        socket2 = new PairSocket();
        socket2Creator?.Invoke(socket2);
        socket2.Connect(address);
    }
}

/// <summary>
/// STREAM: raw TCP (or ipc) to non-ZeroMQ peers, each message [identity][bytes] both ways; sending
/// [identity][empty frame] closes that connection. As in NetMQ 4, no connect/disconnect
/// notifications are delivered. Without a prefix, the endpoints of the connection string are connected.
/// </summary>
public class StreamSocket : NetMQSocket
{
    /// <summary>A STREAM socket; <paramref name="connectionString"/> is a comma list of endpoints, each prefixed "@" (bind) or "&gt;" (connect).</summary>
    public StreamSocket(string? connectionString = null) : base(ZmqSocketType.Stream, connectionString, DefaultAction.Connect) { }
}
