namespace Zinc.Bench;

/// <summary>The two measurements the anchor makes: PUSH→PULL throughput and REQ↔REP latency.</summary>
public enum BenchMode
{
    /// <summary>PULL binds and receives, PUSH connects and sends; msg/s from the first message received.</summary>
    Throughput,
    /// <summary>REQ binds and sends, REP connects and echoes; one-way latency is half a round trip.</summary>
    Latency,
}
