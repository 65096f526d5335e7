namespace Zinc.Bench;

/// <summary>How the measuring side of a throughput run receives, when not with the blocking call.</summary>
public enum AsyncReceive
{
    /// <summary>The blocking <c>Receive</c>.</summary>
    None,
    /// <summary><c>await ReceiveAsync()</c> for every frame (--async).</summary>
    EachCall,
    /// <summary><c>await WaitToReceiveAsync()</c>, then <c>TryReceive</c> until empty (--async-drain).</summary>
    Drain,
    /// <summary><c>await foreach</c> over <c>ReceiveFramesAsync()</c> (--async-frames).</summary>
    Frames,
}

/// <summary>The command-line names of <see cref="AsyncReceive"/>.</summary>
public static class AsyncReceiveNames
{
    /// <summary>"--async", "--async-drain" or "--async-frames".</summary>
    public static string Option(AsyncReceive style) => style switch
    {
        AsyncReceive.EachCall => "--async",
        AsyncReceive.Drain => "--async-drain",
        AsyncReceive.Frames => "--async-frames",
        _ => "",
    };

    /// <summary>Parses one of the options above.</summary>
    public static bool TryParse(string option, out AsyncReceive style)
    {
        style = option switch
        {
            "--async" => AsyncReceive.EachCall,
            "--async-drain" => AsyncReceive.Drain,
            "--async-frames" => AsyncReceive.Frames,
            _ => AsyncReceive.None,
        };
        return style != AsyncReceive.None;
    }
}
