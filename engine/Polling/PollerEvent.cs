namespace Zinc;

/// <summary>One ready item reported by <see cref="Poller.Wait"/> (zmq_poller_event_t).</summary>
/// <param name="Socket">The ZeroMQ socket, or null for a plain file descriptor.</param>
/// <param name="Fd">The file descriptor when <paramref name="Socket"/> is null; -1 for a socket.</param>
/// <param name="Events">The events that occurred (a subset of those asked for, plus POLLERR for descriptors).</param>
/// <param name="UserData">The value given when the item was added.</param>
public readonly record struct PollerEvent(Socket? Socket, int Fd, PollEvents Events, object? UserData);
