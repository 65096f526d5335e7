using Zinc.Pipes;

namespace Zinc.Core;

/// <summary>What another thread asks a socket to do, processed on the socket's own thread.</summary>
internal enum CommandKind : byte
{
    /// <summary>Adopt a pipe made for a peer that connected (or that this socket's bind just met).</summary>
    Attach,
    /// <summary>The peer of a pipe closed its end.</summary>
    PipeTerminated,
    /// <summary>The context is terminating: blocking calls return ETERM.</summary>
    Stop,
    /// <summary>
    /// A connecting session's link came back after a reconnect, on the same pipe: the peer on
    /// the other side is new and knows none of the state sent before (libzmq's hiccup).
    /// </summary>
    Hiccup,
}

internal readonly record struct Command(CommandKind Kind, Pipe? Pipe);
