namespace NetMQ;

/// <summary>Socket types (libzmq numbering).</summary>
public enum ZmqSocketType
{
    /// <summary>No type.</summary>
    None = -1,
    /// <summary>PAIR.</summary>
    Pair = 0,
    /// <summary>PUB.</summary>
    Pub = 1,
    /// <summary>SUB.</summary>
    Sub = 2,
    /// <summary>REQ.</summary>
    Req = 3,
    /// <summary>REP.</summary>
    Rep = 4,
    /// <summary>DEALER.</summary>
    Dealer = 5,
    /// <summary>ROUTER.</summary>
    Router = 6,
    /// <summary>PULL.</summary>
    Pull = 7,
    /// <summary>PUSH.</summary>
    Push = 8,
    /// <summary>XPUB.</summary>
    Xpub = 9,
    /// <summary>XSUB.</summary>
    Xsub = 10,
    /// <summary>STREAM.</summary>
    Stream = 11,
    /// <summary>SERVER (draft).</summary>
    Server = 12,
    /// <summary>CLIENT (draft).</summary>
    Client = 13,
    /// <summary>RADIO (draft).</summary>
    Radio = 14,
    /// <summary>DISH (draft).</summary>
    Dish = 15,
    /// <summary>GATHER (draft).</summary>
    Gather = 16,
    /// <summary>SCATTER (draft).</summary>
    Scatter = 17,
    /// <summary>PEER (draft).</summary>
    Peer = 19,
}

/// <summary>Readiness of a socket.</summary>
[Flags]
public enum PollEvents
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>A message can be received.</summary>
    PollIn = 1,
    /// <summary>A message can be sent.</summary>
    PollOut = 2,
    /// <summary>An error.</summary>
    PollError = 4,
}

/// <summary>Socket monitor events (libzmq's ZMQ_EVENT_* bits).</summary>
[Flags]
public enum SocketEvents
{
    /// <summary>Connection established.</summary>
    Connected = 1,
    /// <summary>Synchronous connect failed; retrying.</summary>
    ConnectDelayed = 2,
    /// <summary>Asynchronous reconnect attempt.</summary>
    ConnectRetried = 4,
    /// <summary>Socket bound.</summary>
    Listening = 8,
    /// <summary>Bind failed.</summary>
    BindFailed = 16,
    /// <summary>Connection accepted.</summary>
    Accepted = 32,
    /// <summary>Accept failed.</summary>
    AcceptFailed = 64,
    /// <summary>Connection closed.</summary>
    Closed = 128,
    /// <summary>Close failed.</summary>
    CloseFailed = 256,
    /// <summary>Session disconnected.</summary>
    Disconnected = 512,
    /// <summary>All of the above.</summary>
    All = Connected | ConnectDelayed | ConnectRetried | Listening | BindFailed | Accepted | AcceptFailed | Closed | CloseFailed | Disconnected,
}

/// <summary>Byte order (a NetMQ option; kept for source compatibility).</summary>
public enum Endianness
{
    /// <summary>Big endian.</summary>
    Big,
    /// <summary>Little endian.</summary>
    Little,
}
