namespace Zinc.Pipes;

/// <summary>The socket or session that owns one end of a <see cref="Pipe"/>.</summary>
internal interface IPipeOwner : IPipeWaker
{
    /// <summary>The other end closed. Called from the closing side's thread.</summary>
    void OnPipeTerminated(Pipe pipe);
}
