namespace AdminServer.Engine.Metrics;

/// <summary>The engine's counters summed over its loop and worker threads at one moment.</summary>
public sealed record CounterSnapshot
{
    public long EpollWaits { get; init; }
    public long Events { get; init; }
    public long StaleEvents { get; init; }
    public long EpollCtls { get; init; }
    public long Accepts { get; init; }
    public long AcceptErrors { get; init; }
    public long Reads { get; init; }
    public long EagainReads { get; init; }
    public long Writes { get; init; }
    public long EagainWrites { get; init; }
    public long BytesIn { get; init; }
    public long BytesOut { get; init; }
    public long Dispatches { get; init; }
    public long Collisions { get; init; }
    /// <summary>Readiness reports folded into a dispatch already waiting in the worker queue.</summary>
    public long Coalesced { get; init; }
    public long Closes { get; init; }
}
