namespace AdminServer.Engine;

/// <summary>
/// A bound listener: its configured name and service, the endpoint it actually listens on, and its
/// counters (accepted, refused past Engine:MaxConnections or FD_SETSIZE, accept errors, open now).
/// </summary>
public sealed record ListenerInfo(string Name, string Service, string EndPoint, int Port)
{
    public long Accepts { get; init; }
    public long RefusedConnections { get; init; }
    public long AcceptErrors { get; init; }
    public int OpenConnections { get; init; }
    /// <summary>Bytes received and sent by the listener's connections that have closed.</summary>
    public long ClosedBytesIn { get; init; }
    public long ClosedBytesOut { get; init; }
    /// <summary>"enabled", "disabled" (new connections refused) or "draining" (disabled, open ones closed as they go quiet).</summary>
    public string State { get; init; } = "enabled";
    /// <summary>Service latency of the listener's connections: median and 99th percentile (bucket upper bounds, µs).</summary>
    public double? LatencyP50Micros { get; init; }
    public double? LatencyP99Micros { get; init; }
}
