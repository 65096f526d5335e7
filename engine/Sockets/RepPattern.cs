using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_REP (RFC 28): receive, send, receive, send... Requests are fair-queued. The envelope of a
/// request (every frame up to and including the empty delimiter: the routing-id stack that
/// ROUTERs on the way pushed) is kept aside and the body handed to the application; the reply
/// goes back to the same pipe with that envelope in front. A request without a delimiter is dropped.
/// </summary>
internal sealed class RepPattern : SocketPattern
{
    private readonly FairQueue _in = new();

    // The envelope of the request being answered, reused from request to request.
    private Msg[] _envelope = new Msg[4];
    private int _envelopeCount;

    // The pipe the current request came from; null when it has gone (the reply is then dropped).
    private Pipe? _replyPipe;
    // True after a whole request was read, until the whole reply was sent.
    private bool _sendingReply;
    // True before the first frame of a request (receiving) or of the reply (sending).
    private bool _messageBegins = true;
    // Where the frames of the reply being sent go; null drops them.
    private Pipe? _replyTarget;

    public RepPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe) => _in.Attach(pipe);

    public override void Detach(Pipe pipe)
    {
        _in.Detach(pipe);
        if (pipe == _replyPipe) _replyPipe = null;
        if (pipe == _replyTarget) _replyTarget = null;
    }

    public override void Release()
    {
        for (int i = 0; i < _envelopeCount; i++) _envelope[i].Close();
        _envelopeCount = 0;
    }

    public override ZmqError TryReceive(ref Msg msg)
    {
        if (_sendingReply) return ZmqError.EFSM;

        if (_messageBegins)
        {
            ZmqError error = ReadEnvelope(ref msg);
            if (error != ZmqError.None) return error;
            _messageBegins = false;
        }

        ZmqError received = _in.TryReceive(ref msg);
        if (received != ZmqError.None) return received;
        if (!msg.HasMore)
        {
            _sendingReply = true;
            _messageBegins = true;
        }
        return ZmqError.None;
    }

    // Reads frames up to the delimiter into _envelope. Writers publish whole messages, so once
    // the first frame is here the rest of the message is too: EAGAIN only happens between messages.
    private ZmqError ReadEnvelope(ref Msg msg)
    {
        while (true)
        {
            ZmqError error = _in.TryReceive(ref msg, out Pipe? from);
            if (error != ZmqError.None) return error;
            if (!msg.HasMore)
            {
                // Ran out of frames before a delimiter: not a request. Drop it all.
                msg.Close();
                ClearEnvelope();
                continue;
            }
            bool delimiter = msg.Size == 0;
            Keep(ref msg);
            _replyPipe = from;
            if (delimiter) return ZmqError.None;
        }
    }

    private void Keep(ref Msg msg)
    {
        if (_envelopeCount == _envelope.Length) Array.Resize(ref _envelope, _envelope.Length * 2);
        _envelope[_envelopeCount++].MoveFrom(ref msg);
    }

    private void ClearEnvelope()
    {
        for (int i = 0; i < _envelopeCount; i++) _envelope[i].Close();
        _envelopeCount = 0;
    }

    public override ZmqError TrySend(ref Msg msg)
    {
        if (!_sendingReply) return ZmqError.EFSM;

        if (_messageBegins)
        {
            _messageBegins = false;
            _replyTarget = WriteEnvelope();
        }

        bool more = msg.HasMore;
        Pipe? target = _replyTarget;
        if (target is not null) target.TryWrite(ref msg, continuation: true);
        else msg.Close();

        if (!more)
        {
            target?.Flush();
            _replyTarget = null;
            _replyPipe = null;
            _sendingReply = false;
            _messageBegins = true;
        }
        return ZmqError.None;
    }

    // Puts the saved envelope on the requester's pipe and returns that pipe, or drops the envelope
    // and returns null when the requester is gone or full: like libzmq, a reply never blocks and is
    // silently discarded if it cannot be routed.
    private Pipe? WriteEnvelope()
    {
        Pipe? pipe = _replyPipe;
        if (pipe is null || pipe.IsClosed || !pipe.CanWrite || _envelopeCount == 0)
        {
            ClearEnvelope();
            return null;
        }
        // The first envelope frame starts the message and takes the credit checked above; the
        // rest are continuations.
        for (int i = 0; i < _envelopeCount; i++)
        {
            if (!pipe.TryWrite(ref _envelope[i], continuation: i > 0))
            {
                ClearEnvelope();
                return null;
            }
        }
        _envelopeCount = 0;
        return pipe;
    }

    public override bool CanReceive => !_sendingReply && _in.CanReceive;

    public override bool CanSend => _sendingReply;
}
