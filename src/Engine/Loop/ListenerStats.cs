namespace AdminServer.Engine.Loop;

/// <summary>
/// One listener's counters. Accepts, refusals and errors are written by the thread that accepts
/// (one at a time); open connections change on whichever loop owns them, hence interlocked.
/// </summary>
public sealed class ListenerStats
{
    public long Accepts;
    public long Refused;
    public long AcceptErrors;
    private int _open;
    private volatile bool _enabled = true;
    private volatile bool _draining;

    /// <summary>Service latency of this listener's connections: from the moment the engine learned data was ready to the end of the run that served it.</summary>
    public Metrics.LatencyHistogram Latency { get; } = new();

    /// <summary>False while disabled (HAProxy's "disable frontend"): new connections are accepted and closed at once.</summary>
    public bool Enabled
    {
        get => _enabled;
        internal set => _enabled = value;
    }

    /// <summary>True while draining: disabled, and its connections are closed as they go quiet.</summary>
    public bool Draining
    {
        get => _draining;
        internal set => _draining = value;
    }

    public int Open => Volatile.Read(ref _open);

    private long _closedBytesIn;
    private long _closedBytesOut;

    /// <summary>Bytes moved by this listener's connections that have closed (the open ones' are on their rows).</summary>
    public long ClosedBytesIn => Volatile.Read(ref _closedBytesIn);
    public long ClosedBytesOut => Volatile.Read(ref _closedBytesOut);

    internal void Opened() => Interlocked.Increment(ref _open);

    internal void AddClosed(long bytesIn, long bytesOut)
    {
        Interlocked.Add(ref _closedBytesIn, bytesIn);
        Interlocked.Add(ref _closedBytesOut, bytesOut);
    }

    internal void Closed() => Interlocked.Decrement(ref _open);
}
