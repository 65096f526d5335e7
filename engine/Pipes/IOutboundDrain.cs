namespace Zinc.Pipes;

/// <summary>
/// The far end of a pipe that a blocked writer may empty itself: a network session whose
/// encoder and socket the sending thread can drive, instead of waiting for the IO thread to
/// wake up and make room (the wait is the expensive part on a small machine).
/// </summary>
internal interface IOutboundDrain
{
    /// <summary>Writes what the pipe holds to the connection, without blocking. True if it made room.</summary>
    bool DrainFromSender();
}
