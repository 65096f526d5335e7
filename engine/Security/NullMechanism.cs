using Zinc.Protocol;

namespace Zinc.Security;

/// <summary>
/// NULL (rfc 23/37): both sides send READY with their metadata. A socket with ZAP_DOMAIN set asks
/// the ZAP handler first and sends its READY only once the handler accepts the peer (libzmq:
/// no handler bound means no check, unless ZAP_ENFORCE_DOMAIN is set).
/// </summary>
internal sealed class NullMechanism : Mechanism
{
    private bool _readySent;
    private bool _readyReceived;

    public NullMechanism(MechanismSetup setup) : base(setup)
    {
    }

    public override string Name => "NULL";

    public override void Start()
    {
        if (Setup.Options.ZapDomain.Length > 0)
        {
            if (TryAskZap()) return;
            if (Setup.Options.ZapEnforceDomain)
            {
                Fail(EngineEnd.HandshakeFailed, Reactor.Native.LibC.EFAULT);
                return;
            }
        }
        SendReady();
    }

    protected override void OnZapAccepted() => SendReady();

    private void SendReady()
    {
        Send("READY"u8, OwnMetadata());
        _readySent = true;
        if (_readyReceived) Complete();
    }

    public override void OnCommand(ReadOnlySpan<byte> body)
    {
        switch (ZmtpCommand.KindOf(body))
        {
            case ZmtpCommandKind.Ready when !_readyReceived:
                if (!AcceptPeerMetadata(ZmtpCommand.DataOf(body))) return;
                _readyReceived = true;
                if (_readySent) Complete();
                return;
            case ZmtpCommandKind.Error:
                OnErrorCommand(ZmtpCommand.DataOf(body));
                return;
            default:
                FailProtocol(ProtocolError.UnexpectedCommand);
                return;
        }
    }
}
