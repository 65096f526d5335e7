using System.Buffers.Binary;
using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_REQ (RFC 28): a DEALER that enforces send, receive, send, receive... Each request goes to
/// one peer (round robin) behind an empty delimiter frame (and, with REQ_CORRELATE, a 4-byte
/// request id before it); only a reply from that peer, carrying the same envelope, is accepted.
/// The application never sees the envelope.
/// </summary>
internal sealed class ReqPattern : SocketPattern
{
    private const int RequestIdSize = sizeof(uint);

    private readonly LoadBalancer _out = new();
    private readonly FairQueue _in = new();

    // True from the end of a request until the whole reply has been read.
    private bool _receivingReply;
    // True before the first frame of a request (sending) or of a reply (receiving).
    private bool _messageBegins = true;
    // The peer the last request went to; null accepts any peer (as libzmq: also when that peer left).
    private Pipe? _replyPipe;
    // libzmq starts from a random value so a restarted client does not reuse recent ids.
    private uint _requestId = (uint)Random.Shared.NextInt64(0, 1L << 32);

    public ReqPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe)
    {
        if (Options.ProbeRouter) RouterProbe.Send(pipe);
        _out.Attach(pipe);
        _in.Attach(pipe);
    }

    public override void Detach(Pipe pipe)
    {
        _out.Detach(pipe);
        _in.Detach(pipe);
        if (pipe == _replyPipe) _replyPipe = null;
    }

    public override ZmqError TrySend(ref Msg msg)
    {
        if (_receivingReply)
        {
            if (!Options.ReqRelaxed) return ZmqError.EFSM;
            // Relaxed: give up on the outstanding reply; it is dropped if it comes later.
            _receivingReply = false;
            _messageBegins = true;
        }

        if (_messageBegins)
        {
            ZmqError error = SendEnvelope();
            if (error != ZmqError.None) return error;
            _messageBegins = false;
            DropPendingReplies();
        }

        bool more = msg.HasMore;
        // The envelope pinned the load balancer to one pipe: body frames are continuations and
        // always accepted (or dropped if that pipe died meanwhile).
        ZmqError sent = _out.TrySend(ref msg);
        if (sent != ZmqError.None) return sent;
        if (!more)
        {
            _receivingReply = true;
            _messageBegins = true;
        }
        return ZmqError.None;
    }

    // Writes [request id] + empty delimiter to the next peer with credit; EAGAIN if none has.
    private ZmqError SendEnvelope()
    {
        _replyPipe = null;
        if (Options.ReqCorrelate)
        {
            uint id = unchecked(_requestId + 1);
            Msg idFrame = default;
            idFrame.InitSize(RequestIdSize);
            BinaryPrimitives.WriteUInt32LittleEndian(idFrame.Data, id);
            idFrame.HasMore = true;
            ZmqError error = _out.TrySend(ref idFrame, out _replyPipe);
            if (error != ZmqError.None)
            {
                idFrame.Close();
                return error;
            }
            _requestId = id;
        }

        Msg delimiter = default;
        delimiter.HasMore = true;
        ZmqError sent = _out.TrySend(ref delimiter, out Pipe? pipe);
        if (sent != ZmqError.None) return sent;
        _replyPipe ??= pipe;
        return ZmqError.None;
    }

    // Replies that arrived before this request belong to older requests (a slow peer answering
    // late, or a relaxed resend); reading them later would pair them with the wrong request.
    private void DropPendingReplies()
    {
        Msg drop = default;
        while (_in.TryReceive(ref drop) == ZmqError.None) drop.Close();
    }

    public override ZmqError TryReceive(ref Msg msg)
    {
        if (!_receivingReply) return ZmqError.EFSM;

        while (_messageBegins)
        {
            ZmqError error;
            if (Options.ReqCorrelate)
            {
                error = ReceiveFromReplyPipe(ref msg);
                if (error != ZmqError.None) return error;
                if (!msg.HasMore || msg.Size != RequestIdSize || BinaryPrimitives.ReadUInt32LittleEndian(msg.Data) != _requestId)
                {
                    SkipRestOfMessage(ref msg);
                    continue;
                }
                msg.Close();
            }

            error = ReceiveFromReplyPipe(ref msg);
            if (error != ZmqError.None) return error;
            if (!msg.HasMore || msg.Size != 0)
            {
                SkipRestOfMessage(ref msg);
                continue;
            }
            msg.Close();
            _messageBegins = false;
        }

        ZmqError received = ReceiveFromReplyPipe(ref msg);
        if (received != ZmqError.None) return received;
        if (!msg.HasMore)
        {
            _receivingReply = false;
            _messageBegins = true;
        }
        return ZmqError.None;
    }

    // Reads the next frame from the peer the request went to; frames from other peers are dropped.
    // The fair queue hands out whole messages, so a foreign message is dropped frame by frame.
    private ZmqError ReceiveFromReplyPipe(ref Msg msg)
    {
        while (true)
        {
            ZmqError error = _in.TryReceive(ref msg, out Pipe? from);
            if (error != ZmqError.None) return error;
            if (_replyPipe is null || from == _replyPipe) return ZmqError.None;
            msg.Close();
        }
    }

    // Drops a malformed or stale reply: this frame and the rest of its message (already published).
    private void SkipRestOfMessage(ref Msg msg)
    {
        while (msg.HasMore)
        {
            msg.Close();
            if (ReceiveFromReplyPipe(ref msg) != ZmqError.None) return;
        }
        msg.Close();
    }

    public override bool CanReceive => _receivingReply && _in.CanReceive;

    public override bool CanSend => (!_receivingReply || Options.ReqRelaxed) && _out.CanSend;
}
