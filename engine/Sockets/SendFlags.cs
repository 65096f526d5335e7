namespace Zinc;

/// <summary>Flags for a send (ZMQ_DONTWAIT, ZMQ_SNDMORE).</summary>
[Flags]
public enum SendFlags
{
    /// <summary>Block as the socket's SNDTIMEO allows; last frame of the message.</summary>
    None = 0,
    /// <summary>Fail with EAGAIN instead of blocking.</summary>
    DontWait = 1,
    /// <summary>More frames of this message follow.</summary>
    SendMore = 2,
}

/// <summary>Flags for a receive (ZMQ_DONTWAIT).</summary>
[Flags]
public enum ReceiveFlags
{
    /// <summary>Block as the socket's RCVTIMEO allows.</summary>
    None = 0,
    /// <summary>Fail with EAGAIN instead of blocking.</summary>
    DontWait = 1,
}

/// <summary>Readiness a poll reports (ZMQ_POLLIN, ZMQ_POLLOUT, ZMQ_POLLERR, ZMQ_POLLPRI).</summary>
[Flags]
public enum PollEvents : short
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>A message can be received (ZMQ_POLLIN).</summary>
    PollIn = 1,
    /// <summary>A message can be sent (ZMQ_POLLOUT).</summary>
    PollOut = 2,
    /// <summary>An error condition (ZMQ_POLLERR).</summary>
    PollErr = 4,
    /// <summary>Urgent data (ZMQ_POLLPRI, file descriptors only).</summary>
    PollPri = 8,
}
