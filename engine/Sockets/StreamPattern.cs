using Zinc.Pipes;
using Zinc.Routing;

namespace Zinc.Sockets;

/// <summary>
/// ZMQ_STREAM: plain byte streams to non-ZeroMQ peers (the connections run a
/// <see cref="Protocol.RawStreamEngine"/>). Every connection gets a routing id as a ROUTER peer
/// does (ZMQ_CONNECT_ROUTING_ID, else 0x00 + a counter). Received: [id][bytes], fair-queued;
/// an empty body is a connect or disconnect notification (ZMQ_STREAM_NOTIFY). Sent: [id][bytes],
/// the bytes written as they are; an empty body closes that connection once what was sent
/// before it has gone out. An unknown id is EHOSTUNREACH, a full connection EAGAIN.
/// </summary>
internal sealed class StreamPattern : SocketPattern
{
    private readonly FairQueue _in = new();
    private readonly RoutingIdTable _ids = new();

    // Receiving: the data frame waits here while its sender's id is returned.
    private Msg _prefetched;
    private bool _hasPrefetched;
    private bool _moreIn;

    // Sending: after the id frame, the next frame is the data for _currentOut (null drops it).
    private bool _moreOut;
    private Pipe? _currentOut;

    public StreamPattern(Socket socket) : base(socket)
    {
    }

    public override void Attach(Pipe pipe)
    {
        // Only ZMQ_CONNECT_ROUTING_ID names a connection: a raw peer announces nothing.
        byte[]? chosen = pipe.PeerRoutingId;
        if (chosen is { Length: > 0 })
        {
            if (_ids.Contains(chosen))
            {
                // An id already in use is not allowed (zmq_setsockopt(3)); libzmq asserts, we refuse the link.
                pipe.Close(discard: true);
                return;
            }
            _ids.Add(chosen.ToArray(), pipe);
        }
        else
        {
            _ids.Add(_ids.Generate(), pipe);
        }
        _in.Attach(pipe);
    }

    public override void Detach(Pipe pipe)
    {
        // Links this side closed ([id][""], a refused id) come back here too, with no id left.
        _in.Detach(pipe);
        _ids.Remove(pipe);
        if (pipe == _currentOut) _currentOut = null;
    }

    // ---- receiving ----

    public override ZmqError TryReceive(ref Msg msg)
    {
        if (_hasPrefetched)
        {
            msg = _prefetched;
            _prefetched = default;
            _hasPrefetched = false;
            _moreIn = msg.HasMore;
            return ZmqError.None;
        }
        if (_moreIn)
        {
            // Only an inproc peer sends multipart messages: pass the rest through as it came.
            ZmqError error = _in.TryReceive(ref msg);
            if (error == ZmqError.None) _moreIn = msg.HasMore;
            return error;
        }
        Msg data = default;
        ZmqError received = _in.TryReceive(ref data, out Pipe? from);
        if (received != ZmqError.None) return received;
        // Every pipe the fair queue reads owns an id: a link loses both together (CloseLink, Detach).
        var id = (byte[])from!.Tag!;
        _prefetched = data;
        _hasPrefetched = true;
        msg = Msg.Copy(id);
        msg.HasMore = true;
        return ZmqError.None;
    }

    public override bool CanReceive => _hasPrefetched || _moreIn || _in.CanReceive;

    public override void Release()
    {
        if (_hasPrefetched) _prefetched.Close();
        _hasPrefetched = false;
    }

    // ---- sending ----

    public override ZmqError TrySend(ref Msg msg)
    {
        if (!_moreOut) return TakeRoutingId(ref msg);

        // The data frame. Its MORE flag is ignored (zmq_socket(3)): it ends the message, and
        // the next frame is a routing id again.
        _moreOut = false;
        Pipe? pipe = _currentOut;
        _currentOut = null;
        msg.HasMore = false;
        if (pipe is null || pipe.IsClosed)
        {
            msg.Close();
            return ZmqError.None;
        }
        if (msg.Size == 0)
        {
            msg.Close();
            CloseLink(pipe);
            return ZmqError.None;
        }
        // The id frame found credit, and nothing else writes this pipe in between.
        if (pipe.TryWrite(ref msg)) pipe.Flush();
        else msg.Close();
        return ZmqError.None;
    }

    private ZmqError TakeRoutingId(ref Msg msg)
    {
        // libzmq takes any first frame as the id frame; without MORE it names nobody, and the
        // frame after it is still taken as its data (and dropped). Kept, so programs behave alike.
        if (msg.HasMore)
        {
            if (!_ids.TryGet(msg.Data, out Pipe? pipe)) return ZmqError.EHOSTUNREACH;
            if (!pipe.CanWrite) return pipe.PeerClosed ? ZmqError.EHOSTUNREACH : ZmqError.EAGAIN;
            _currentOut = pipe;
        }
        else
        {
            _currentOut = null;
        }
        msg.Close();
        _moreOut = true;
        return ZmqError.None;
    }

    // [id][""]: the id is free at once; the connection ends once what was sent before has been
    // written (the session drains the closed pipe, then closes the descriptor). No disconnect
    // notification follows, as with libzmq: the application asked for it.
    private void CloseLink(Pipe pipe)
    {
        _in.Detach(pipe);
        _ids.Remove(pipe);
        pipe.Close(lingerMs: -1);
    }

    // libzmq: a STREAM socket is always writable; a full connection shows up as EAGAIN on the id frame.
    public override bool CanSend => true;
}
