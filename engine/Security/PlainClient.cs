using System.Text;
using Zinc.Protocol;

namespace Zinc.Security;

/// <summary>PLAIN client (rfc 24): HELLO with user name and password, WELCOME, INITIATE, READY.</summary>
internal sealed class PlainClient : Mechanism
{
    private enum State : byte { WaitingWelcome, WaitingReady }

    private State _state;

    public PlainClient(MechanismSetup setup) : base(setup)
    {
    }

    public override string Name => "PLAIN";

    public override void Start()
    {
        byte[] user = Encoding.UTF8.GetBytes(Setup.Options.PlainUsername ?? "");
        byte[] password = Encoding.UTF8.GetBytes(Setup.Options.PlainPassword ?? "");
        byte[] data = new byte[2 + user.Length + password.Length];
        data[0] = (byte)user.Length;
        user.CopyTo(data, 1);
        data[1 + user.Length] = (byte)password.Length;
        password.CopyTo(data, 2 + user.Length);
        Send("HELLO"u8, data);
        _state = State.WaitingWelcome;
    }

    public override void OnCommand(ReadOnlySpan<byte> body)
    {
        // libzmq 4.3.4's PLAIN server writes ERROR's name as "\x05ERROR" in C, where the escape
        // swallows the E: the body starts 0x5E "RROR" and the reason follows. Read that too.
        if (body.Length >= 5 && body[0] == 0x5E && body.Slice(1, 4).SequenceEqual("RROR"u8))
        {
            OnErrorCommand(body.Slice(5));
            return;
        }
        ZmtpCommandKind kind = ZmtpCommand.KindOf(body);
        if (kind == ZmtpCommandKind.Error)
        {
            OnErrorCommand(ZmtpCommand.DataOf(body));
            return;
        }
        if (kind == ZmtpCommandKind.Welcome && _state == State.WaitingWelcome)
        {
            if (ZmtpCommand.DataOf(body).Length != 0)
            {
                FailProtocol(ProtocolError.MalformedCommandWelcome);
                return;
            }
            Send("INITIATE"u8, OwnMetadata());
            _state = State.WaitingReady;
            return;
        }
        if (kind == ZmtpCommandKind.Ready && _state == State.WaitingReady)
        {
            if (AcceptPeerMetadata(ZmtpCommand.DataOf(body))) Complete();
            return;
        }
        FailProtocol(ProtocolError.UnexpectedCommand);
    }
}
