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

    public int Open => Volatile.Read(ref _open);

    internal void Opened() => Interlocked.Increment(ref _open);

    internal void Closed() => Interlocked.Decrement(ref _open);
}
