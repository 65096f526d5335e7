using System.Runtime.InteropServices;
using System.Text;

namespace Zinc.Native;

/// <summary>
/// zmq_proxy's loop: whole messages from frontend to backend and back, each frame also copied
/// to the capture socket, optionally steered by PAUSE/RESUME/TERMINATE/STATISTICS on a control
/// socket.
/// Runs until a socket fails (ETERM when the context shuts down, EINTR when a signal
/// interrupts its wait), as libzmq's does.
/// </summary>
internal sealed class Proxy
{
    private readonly Socket _frontend, _backend;
    private readonly Socket? _capture, _control;
    private bool _paused;
    private Traffic _frontTraffic, _backTraffic;

    // What STATISTICS reports for one side. libzmq 4.3.4 counts a multipart message once, with
    // the bytes of all its frames, and only once the whole message is forwarded (checked with
    // python3-zmq: ROUTER frontend, 2 messages of 3 and 2 frames each way gave 2, not 5).
    private struct Traffic
    {
        public ulong MessagesIn, BytesIn, MessagesOut, BytesOut;
    }

    public Proxy(Socket frontend, Socket backend, Socket? capture, Socket? control)
    {
        _frontend = frontend;
        _backend = backend;
        _capture = capture;
        _control = control;
    }

    /// <summary>Returns None after TERMINATE, otherwise the error that stopped it.</summary>
    public ZmqError Run()
    {
        int count = _control is null ? 2 : 3;
        var items = new PollItem[count];
        while (true)
        {
            items[0] = new PollItem(_frontend, _paused ? PollEvents.None : PollEvents.PollIn);
            // One socket in both roles (a ROUTER as its own backend) is polled once.
            items[1] = new PollItem(_backend, _paused || _backend == _frontend ? PollEvents.None : PollEvents.PollIn);
            if (_control is not null) items[2] = new PollItem(_control, PollEvents.PollIn);
            try
            {
                ZmqPoll.Poll(items, -1, interruptible: true);
            }
            catch (ZmqException e)
            {
                return e.Error;
            }
            if (_control is not null && (items[2].ReturnedEvents & PollEvents.PollIn) != 0)
            {
                ZmqError steered = Steer(out bool terminate);
                if (steered != ZmqError.None) return steered;
                if (terminate) return ZmqError.None;
            }
            ZmqError error = ZmqError.None;
            if ((items[0].ReturnedEvents & PollEvents.PollIn) != 0)
                error = Forward(_frontend, _backend, ref _frontTraffic, ref _backTraffic);
            if (error == ZmqError.None && (items[1].ReturnedEvents & PollEvents.PollIn) != 0)
                error = Forward(_backend, _frontend, ref _backTraffic, ref _frontTraffic);
            if (error != ZmqError.None) return error;
        }
    }

    private ZmqError Steer(out bool terminate)
    {
        terminate = false;
        Msg command = default;
        ZmqError error = _control!.ReceiveCore(ref command, ReceiveFlags.None);
        if (error != ZmqError.None) return error;
        string text = Encoding.ASCII.GetString(command.Data);
        command.Close();
        switch (text)
        {
            case "PAUSE": _paused = true; break;
            case "RESUME": _paused = false; break;
            case "TERMINATE": terminate = true; break;
            case "STATISTICS": return ReplyStatistics();
        }
        return ZmqError.None;
    }

    // Eight frames of a uint64 each, in the machine's byte order as libzmq sends them: frontend
    // messages in, bytes in, messages out, bytes out, then the same for the backend.
    private ZmqError ReplyStatistics()
    {
        Span<ulong> values = stackalloc ulong[]
        {
            _frontTraffic.MessagesIn, _frontTraffic.BytesIn, _frontTraffic.MessagesOut, _frontTraffic.BytesOut,
            _backTraffic.MessagesIn, _backTraffic.BytesIn, _backTraffic.MessagesOut, _backTraffic.BytesOut,
        };
        for (int i = 0; i < values.Length; i++)
        {
            Msg frame = Msg.Copy(MemoryMarshal.AsBytes(values.Slice(i, 1)));
            ZmqError error = _control!.SendCore(ref frame, i < values.Length - 1 ? SendFlags.SendMore : SendFlags.None);
            if (error != ZmqError.None)
            {
                frame.Close();
                return error;
            }
        }
        return ZmqError.None;
    }

    // Moves every frame of one message (libzmq forwards message by message, never interleaving).
    private ZmqError Forward(Socket from, Socket to, ref Traffic fromTraffic, ref Traffic toTraffic)
    {
        bool more;
        ulong bytes = 0;
        do
        {
            Msg frame = default;
            ZmqError error = from.ReceiveCore(ref frame, ReceiveFlags.None);
            if (error != ZmqError.None) return error;
            more = frame.HasMore;
            bytes += (ulong)frame.Data.Length;
            if (_capture is not null)
            {
                Msg copy = Msg.Copy(frame.Data);
                error = _capture.SendCore(ref copy, more ? SendFlags.SendMore : SendFlags.None);
                if (error != ZmqError.None)
                {
                    copy.Close();
                    frame.Close();
                    return error;
                }
            }
            error = to.SendCore(ref frame, more ? SendFlags.SendMore : SendFlags.None);
            if (error != ZmqError.None)
            {
                frame.Close();
                return error;
            }
        }
        while (more);
        fromTraffic.MessagesIn++;
        fromTraffic.BytesIn += bytes;
        toTraffic.MessagesOut++;
        toTraffic.BytesOut += bytes;
        return ZmqError.None;
    }
}
