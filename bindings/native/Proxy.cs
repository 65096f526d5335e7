using System.Text;

namespace Zinc.Native;

/// <summary>
/// zmq_proxy's loop: whole messages from frontend to backend and back, each frame also copied
/// to the capture socket, optionally steered by PAUSE/RESUME/TERMINATE on a control socket.
/// Runs until a socket fails (ETERM when the context shuts down, EINTR when a signal
/// interrupts its wait), as libzmq's does.
/// </summary>
internal sealed class Proxy
{
    private readonly Socket _frontend, _backend;
    private readonly Socket? _capture, _control;
    private bool _paused;

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
            if ((items[0].ReturnedEvents & PollEvents.PollIn) != 0) error = Forward(_frontend, _backend);
            if (error == ZmqError.None && (items[1].ReturnedEvents & PollEvents.PollIn) != 0) error = Forward(_backend, _frontend);
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
        }
        return ZmqError.None;
    }

    // Moves every frame of one message (libzmq forwards message by message, never interleaving).
    private ZmqError Forward(Socket from, Socket to)
    {
        bool more;
        do
        {
            Msg frame = default;
            ZmqError error = from.ReceiveCore(ref frame, ReceiveFlags.None);
            if (error != ZmqError.None) return error;
            more = frame.HasMore;
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
        return ZmqError.None;
    }
}
