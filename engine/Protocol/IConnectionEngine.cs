namespace Zinc.Protocol;

/// <summary>
/// One connection's codec on an IO loop, as a session drives it: <see cref="ZmtpEngine"/> for
/// ZeroMQ peers, <see cref="RawStreamEngine"/> for a STREAM socket's plain byte streams.
/// </summary>
internal interface IConnectionEngine
{
    /// <summary>The connection's descriptor (monitor events carry it).</summary>
    int Fd { get; }

    /// <summary>Starts the connection on the loop thread.</summary>
    void Start();

    /// <summary>Closes the connection from the loop thread; the session hears of it through OnEngineEnded.</summary>
    void Stop();

    /// <summary>The pipe has frames to send or credit to receive again. Any thread.</summary>
    void Wake();

    /// <summary>A sender blocked on the pipe's credit may write the pipe out itself; false if it did not.</summary>
    bool DrainFromSender();

    /// <summary>The connection's reading as the receiving thread may borrow it, or null if it cannot be lent.</summary>
    Pipes.IInboundPump? InboundPump { get; }
}
