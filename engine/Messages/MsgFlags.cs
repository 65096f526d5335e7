namespace Zinc;

/// <summary>Flags a message frame carries.</summary>
[Flags]
public enum MsgFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Another frame of the same message follows.</summary>
    More = 1,
    /// <summary>A ZMTP command frame, not application data.</summary>
    Command = 2,
}
