using System.Text;
using Zinc.Protocol;
using Zinc.Security.Zap;

namespace Zinc.Security;

/// <summary>Where a mechanism's handshake stands.</summary>
internal enum HandshakeStatus : byte
{
    Running,
    Complete,
    Failed,
}

/// <summary>
/// One side of a ZMTP security handshake (NULL, PLAIN or CURVE) as a state machine: the engine
/// feeds it the peer's commands, sends the commands it queues, and activates the connection once
/// <see cref="Status"/> is Complete. Server sides may ask the ZAP handler and wait for its reply.
/// Runs on the connection's loop thread only.
/// </summary>
internal abstract class Mechanism : IDisposable
{
    private readonly Queue<Msg> _commands = new();
    private ZapClient? _zap;

    protected Mechanism(MechanismSetup setup) => Setup = setup;

    protected MechanismSetup Setup { get; }

    /// <summary>The name in the greeting: "NULL", "PLAIN" or "CURVE".</summary>
    public abstract string Name { get; }

    public HandshakeStatus Status { get; private set; }

    /// <summary>When failed: how the connection ends, and the event value (errno, protocol error or ZAP status).</summary>
    public EngineEnd FailEnd { get; private set; }

    public int FailValue { get; private set; }

    /// <summary>The peer's metadata (READY or INITIATE), once received.</summary>
    public Dictionary<string, byte[]>? PeerMetadata { get; private set; }

    /// <summary>What the ZAP handler said of the peer (empty when ZAP was not asked).</summary>
    public string? UserId { get; private set; }

    public Dictionary<string, byte[]>? ZapMetadata { get; private set; }

    /// <summary>The message encryption after the handshake (CURVE); null for plaintext mechanisms.</summary>
    public virtual CurveCodec? Codec => null;

    /// <summary>True while a ZAP request is out and its reply has not been handled.</summary>
    public bool WaitingForZap => _zap is not null;

    public bool TryTakeCommand(out Msg command) => _commands.TryDequeue(out command);

    /// <summary>Called once, after the greeting: queue the first commands (if this side speaks first).</summary>
    public abstract void Start();

    /// <summary>A command frame from the peer during the handshake (the body: name-size, name, data).</summary>
    public abstract void OnCommand(ReadOnlySpan<byte> body);

    /// <summary>The ZAP handler accepted the peer (status 200): carry on with the handshake.</summary>
    protected virtual void OnZapAccepted()
    {
    }

    protected void Send(Msg command) => _commands.Enqueue(command);

    protected void Send(ReadOnlySpan<byte> name, ReadOnlySpan<byte> data) => _commands.Enqueue(ZmtpCommand.Build(name, data));

    protected void Complete()
    {
        if (Status == HandshakeStatus.Running) Status = HandshakeStatus.Complete;
    }

    protected void Fail(EngineEnd end, int value)
    {
        if (Status != HandshakeStatus.Running) return;
        Status = HandshakeStatus.Failed;
        FailEnd = end;
        FailValue = value;
        CloseZap();
    }

    protected void FailProtocol(int code) => Fail(EngineEnd.HandshakeProtocol, code);

    // ---- metadata ----

    /// <summary>This side's metadata: Socket-Type, Identity (for the types that send one) and ZMQ_METADATA properties.</summary>
    protected byte[] OwnMetadata()
    {
        var properties = new List<KeyValuePair<string, byte[]>>
        {
            new("Socket-Type", Encoding.ASCII.GetBytes(SocketTypeNames.NameOf(Setup.SocketType))),
        };
        if (SocketTypeNames.SendsIdentity(Setup.SocketType))
            properties.Add(new("Identity", Setup.Options.RoutingId ?? Array.Empty<byte>()));
        if (Setup.Options.Metadata is { } application)
            foreach (var p in application) properties.Add(new(p.Key, Encoding.UTF8.GetBytes(p.Value)));
        return ZmtpCommand.EncodeProperties(properties);
    }

    /// <summary>Takes the peer's metadata and checks its Socket-Type; false (failed) when malformed or incompatible.</summary>
    protected bool AcceptPeerMetadata(ReadOnlySpan<byte> data)
    {
        if (!ZmtpCommand.TryParseMetadata(data, out var metadata) ||
            !metadata.TryGetValue("Socket-Type", out byte[]? typeName) ||
            !SocketTypeNames.TryParse(typeName, out SocketType peerType) ||
            !SocketTypeNames.Compatible(Setup.SocketType, peerType))
        {
            FailProtocol(ProtocolError.InvalidMetadata);
            return false;
        }
        PeerMetadata = metadata;
        return true;
    }

    /// <summary>
    /// The peer sent ERROR: a ZAP status (3xx-5xx) as its reason is an authentication failure,
    /// anything else a handshake failure; a malformed ERROR is a protocol error.
    /// </summary>
    protected void OnErrorCommand(ReadOnlySpan<byte> data)
    {
        if (data.Length < 1 || data.Length != 1 + data[0])
        {
            FailProtocol(ProtocolError.MalformedCommandError);
            return;
        }
        ReadOnlySpan<byte> reason = data.Slice(1);
        if (reason.Length == 3 && reason[0] is >= (byte)'3' and <= (byte)'5' && reason[1] == '0' && reason[2] == '0')
            Fail(EngineEnd.HandshakeAuth, (reason[0] - '0') * 100);
        else
            Fail(EngineEnd.HandshakeFailed, Reactor.Native.LibC.EPROTO);
    }

    // ---- ZAP (rfc 27) ----

    /// <summary>
    /// Sends a ZAP request for this peer. False when no handler is bound at inproc://zeromq.zap.01
    /// (the caller decides what that means for its mechanism); true when the reply is awaited.
    /// </summary>
    protected bool TryAskZap(ReadOnlySpan<byte> credential1 = default, ReadOnlySpan<byte> credential2 = default, int credentials = 0)
    {
        ZapClient? zap = Setup.ConnectZap();
        if (zap is null) return false;
        _zap = zap;
        zap.SendRequest(Setup.Options.ZapDomain, Setup.PeerAddress, Setup.Options.RoutingId ?? Array.Empty<byte>(), Name,
            credential1, credential2, credentials);
        return true;
    }

    /// <summary>The ZAP link has something to read (a reply, or the handler went away). Loop thread.</summary>
    public void OnZapReadable()
    {
        ZapClient? zap = _zap;
        if (zap is null || Status != HandshakeStatus.Running) return;
        ZapAnswerStatus result = zap.TryReadReply(out ZapAnswer reply);
        if (result == ZapAnswerStatus.Pending) return;
        CloseZap();
        if (result == ZapAnswerStatus.HandlerGone)
        {
            Fail(EngineEnd.HandshakeFailed, Reactor.Native.LibC.EFAULT);
            return;
        }
        if (result == ZapAnswerStatus.Malformed)
        {
            FailProtocol(reply.ProtocolError);
            return;
        }
        if (reply.StatusCode != 200)
        {
            // libzmq tells the peer why with an ERROR carrying the status, then closes; except
            // for 300 (temporary failure), where it sends nothing and the peer may try again.
            if (reply.StatusCode != 300)
                Send(ZmtpCommand.Error(reply.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Fail(EngineEnd.HandshakeAuth, reply.StatusCode);
            return;
        }
        UserId = reply.UserId;
        ZapMetadata = reply.Metadata;
        OnZapAccepted();
    }

    private void CloseZap()
    {
        _zap?.Dispose();
        _zap = null;
    }

    public virtual void Dispose()
    {
        CloseZap();
        while (_commands.TryDequeue(out Msg command)) command.Close();
    }
}
