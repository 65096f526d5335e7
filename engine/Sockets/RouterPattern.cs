using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_ROUTER (RFC 28): every peer gets a routing id (the one it announced, else a generated one).
/// Received messages are fair-queued and get a first frame naming the sender; a sent message's
/// first frame names the peer it goes to. Unroutable messages are dropped, or refused with
/// ROUTER_MANDATORY (EHOSTUNREACH for an unknown or gone peer, EAGAIN for a full one).
/// </summary>
internal sealed class RouterPattern : SocketPattern
{
    private const int NotifyConnect = 1;
    private const int NotifyDisconnect = 2;

    private readonly FairQueue _in = new();
    private readonly RoutingIdTable _ids = new();

    // Receiving: the first frame of a message waits here while its sender's id is returned.
    private Msg _prefetched;
    private bool _hasPrefetched;
    private bool _moreIn;
    private Pipe? _currentIn;
    // A pipe that lost its id to a newcomer (ROUTER_HANDOVER) while the app was reading one of its
    // messages: it is closed once that message has been read, so the app never gets half of one.
    private Pipe? _retireAfterMessage;

    // Sending: after the id frame, the rest of the message goes to _currentOut (null drops it).
    private bool _moreOut;
    private bool _firstBodyFrame;
    private Pipe? _currentOut;

    // ROUTER_NOTIFY (draft): ids of peers that connected or disconnected, delivered as [id][""].
    private Queue<byte[]>? _notifications;

    public RouterPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe)
    {
        if (!Identify(pipe))
        {
            // Duplicate id without ROUTER_HANDOVER: the newcomer is refused.
            pipe.Close(discard: true);
            return;
        }
        if (Options.ProbeRouter) RouterProbe.Send(pipe);
        _in.Attach(pipe);
        if ((Options.RouterNotify & NotifyConnect) != 0) Notify((byte[])pipe.Tag!);
    }

    // Gives the pipe its routing id; false if the id it announced is taken and may not be handed over.
    private bool Identify(Pipe pipe)
    {
        byte[]? announced = pipe.PeerRoutingId;
        if (announced is null || announced.Length == 0)
        {
            _ids.Add(_ids.Generate(), pipe);
            return true;
        }
        if (_ids.TryGet(announced, out Pipe? holder))
        {
            if (!Options.RouterHandover) return false;
            HandOver(holder);
        }
        // Our own copy: the array on the pipe belongs to whoever connected.
        _ids.Add(announced.ToArray(), pipe);
        return true;
    }

    // The previous holder of an id loses it and its link is ended (libzmq terminates it).
    private void HandOver(Pipe previous)
    {
        _ids.Remove(previous);
        if (previous == _currentIn && _moreIn) _retireAfterMessage = previous;
        else Retire(previous);
    }

    private void Retire(Pipe pipe)
    {
        _in.Detach(pipe);
        _ids.Remove(pipe);
        if (pipe == _currentOut) _currentOut = null;
        if (pipe == _currentIn) _currentIn = null;
        pipe.Close(discard: true);
    }

    public override void Detach(Pipe pipe)
    {
        // Refused and retired pipes come back here when their peer lets go: they own no id any more.
        _in.Detach(pipe);
        if (pipe == _currentOut) _currentOut = null;
        if (pipe == _currentIn)
        {
            // The peer vanished (LINGER 0) while the app was reading its message and the rest is
            // gone: end the message there, rather than splice the next peer's frames onto it.
            if (_moreIn)
            {
                if (_hasPrefetched) _prefetched.HasMore = false;
                else _hasPrefetched = true;
            }
            _currentIn = null;
        }
        if (pipe == _retireAfterMessage) _retireAfterMessage = null;
        if (pipe.Tag is byte[] id)
        {
            _ids.Remove(pipe);
            if ((Options.RouterNotify & NotifyDisconnect) != 0) Notify(id);
        }
    }

    private void Notify(byte[] id) => (_notifications ??= new Queue<byte[]>()).Enqueue(id);

    // ---- receiving ----

    public override ZmqError TryReceive(ref Msg msg)
    {
        if (_hasPrefetched)
        {
            msg = _prefetched;
            _prefetched = default;
            _hasPrefetched = false;
            _moreIn = msg.HasMore;
            if (!_moreIn) EndOfInboundMessage();
            return ZmqError.None;
        }

        if (_moreIn)
        {
            ZmqError error = _in.TryReceive(ref msg);
            if (error != ZmqError.None) return error;
            _moreIn = msg.HasMore;
            if (!_moreIn) EndOfInboundMessage();
            return ZmqError.None;
        }

        if (_notifications is { Count: > 0 })
        {
            // [id][""]: the same shape libzmq gives a notification.
            ReturnIdFirst(ref msg, _notifications.Dequeue(), default);
            return ZmqError.None;
        }

        Msg first = default;
        ZmqError received = _in.TryReceive(ref first, out Pipe? from);
        if (received != ZmqError.None) return received;
        _currentIn = from;
        ReturnIdFirst(ref msg, (byte[])from!.Tag!, first);
        return ZmqError.None;
    }

    // Hands out the id frame now and keeps the message's first frame for the next call.
    private void ReturnIdFirst(ref Msg msg, byte[] id, Msg first)
    {
        _prefetched = first;
        _hasPrefetched = true;
        _moreIn = true;
        msg = Msg.Copy(id);
        msg.HasMore = true;
    }

    private void EndOfInboundMessage()
    {
        _currentIn = null;
        if (_retireAfterMessage is { } pipe)
        {
            _retireAfterMessage = null;
            Retire(pipe);
        }
    }

    public override void Release()
    {
        if (_hasPrefetched) _prefetched.Close();
        _hasPrefetched = false;
    }

    public override bool CanReceive => _hasPrefetched || _moreIn || _notifications is { Count: > 0 } || _in.CanReceive;

    // ---- sending ----

    public override ZmqError TrySend(ref Msg msg)
    {
        if (!_moreOut)
        {
            // A lone frame is not a message to anyone: drop it, as libzmq does.
            if (!msg.HasMore)
            {
                msg.Close();
                return ZmqError.None;
            }
            ZmqError error = Route(msg.Data);
            if (error != ZmqError.None) return error;
            msg.Close();
            _moreOut = true;
            _firstBodyFrame = true;
            return ZmqError.None;
        }

        bool more = msg.HasMore;
        Pipe? pipe = _currentOut;
        if (pipe is not null)
        {
            // The first body frame starts the message on the pipe and uses the credit Route saw.
            if (pipe.TryWrite(ref msg, continuation: !_firstBodyFrame))
            {
                if (!more) pipe.Flush();
            }
            else
            {
                msg.Close();
                _currentOut = null;
            }
        }
        else
        {
            msg.Close();
        }
        _firstBodyFrame = false;
        if (!more)
        {
            _moreOut = false;
            _currentOut = null;
        }
        return ZmqError.None;
    }

    // Picks the pipe for the message whose id frame is <paramref name="id"/>. Without
    // ROUTER_MANDATORY an unknown, gone or full peer means the message is dropped.
    private ZmqError Route(ReadOnlySpan<byte> id)
    {
        bool mandatory = Options.RouterMandatory;
        if (!_ids.TryGet(id, out Pipe? pipe))
        {
            if (mandatory) return ZmqError.EHOSTUNREACH;
            _currentOut = null;
            return ZmqError.None;
        }
        if (!pipe.CanWrite)
        {
            if (mandatory) return pipe.PeerClosed ? ZmqError.EHOSTUNREACH : ZmqError.EAGAIN;
            _currentOut = null;
            return ZmqError.None;
        }
        _currentOut = pipe;
        return ZmqError.None;
    }

    // libzmq: always writable, except with ROUTER_MANDATORY, where some peer must have room.
    public override bool CanSend
    {
        get
        {
            if (_moreOut || !Options.RouterMandatory) return true;
            foreach (Pipe pipe in _ids.Pipes)
                if (pipe.CanWrite) return true;
            return false;
        }
    }
}
