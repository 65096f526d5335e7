using Zinc.Protocol;

namespace Zinc.Security;

/// <summary>
/// PLAIN server (rfc 24): takes HELLO, asks the ZAP handler about the user name and password
/// (PLAIN without a handler fails, as in libzmq 4.3: nobody would check the password), then
/// WELCOME, INITIATE, READY.
/// </summary>
internal sealed class PlainServer : Mechanism
{
    private enum State : byte { WaitingHello, WaitingZap, WaitingInitiate }

    private State _state;

    public PlainServer(MechanismSetup setup) : base(setup)
    {
    }

    public override string Name => "PLAIN";

    public override void Start()
    {
    }

    public override void OnCommand(ReadOnlySpan<byte> body)
    {
        ZmtpCommandKind kind = ZmtpCommand.KindOf(body);
        ReadOnlySpan<byte> data = ZmtpCommand.DataOf(body);
        if (kind == ZmtpCommandKind.Error)
        {
            OnErrorCommand(data);
            return;
        }
        if (kind == ZmtpCommandKind.Hello && _state == State.WaitingHello)
        {
            OnHello(data);
            return;
        }
        if (kind == ZmtpCommandKind.Initiate && _state == State.WaitingInitiate)
        {
            if (!AcceptPeerMetadata(data)) return;
            Send("READY"u8, OwnMetadata());
            Complete();
            return;
        }
        FailProtocol(ProtocolError.UnexpectedCommand);
    }

    private void OnHello(ReadOnlySpan<byte> data)
    {
        // username-size, username, password-size, password: nothing more, nothing less.
        if (data.Length < 2 || data.Length < 2 + data[0] || data.Length != 2 + data[0] + data[1 + data[0]])
        {
            FailProtocol(ProtocolError.MalformedCommandHello);
            return;
        }
        ReadOnlySpan<byte> user = data.Slice(1, data[0]);
        ReadOnlySpan<byte> password = data.Slice(2 + data[0]);
        if (!TryAskZap(user, password, 2))
        {
            Fail(EngineEnd.HandshakeFailed, Reactor.Native.LibC.EFAULT);
            return;
        }
        _state = State.WaitingZap;
    }

    protected override void OnZapAccepted()
    {
        Send("WELCOME"u8, default);
        _state = State.WaitingInitiate;
    }
}
