namespace Zinc.Security;

/// <summary>What a security mechanism needs to know about its connection, fixed at its start.</summary>
internal sealed class MechanismSetup
{
    public MechanismSetup(SocketOptions options, SocketType socketType, string peerAddress, Func<Zap.ZapClient?> connectZap)
    {
        Options = options;
        SocketType = socketType;
        PeerAddress = peerAddress;
        ConnectZap = connectZap;
    }

    public SocketOptions Options { get; }

    public SocketType SocketType { get; }

    /// <summary>The peer's IP address as ZAP and Peer-Address give it ("" for ipc).</summary>
    public string PeerAddress { get; }

    /// <summary>Opens a link to the ZAP handler at inproc://zeromq.zap.01; null when none is bound.</summary>
    public Func<Zap.ZapClient?> ConnectZap { get; }
}
