using AdminServer.Engine.Loop;

namespace AdminServer.Engine.Io;

/// <summary>
/// The engine-wide limit on unsent bytes (Engine:MaxPendingBytesTotal) on top of the per-connection
/// one. Each connection reports its pending bytes when they change (only the slow path: output the
/// socket would not take), so write-through costs nothing here. Over the budget, the connections
/// holding at least their fair share (total / connections with pending output) stop reading, so
/// the peers that never read are paused first and the others keep going.
/// </summary>
internal sealed class PendingBudget(long limit)
{
    private long _limit = limit;
    private long _total;
    private int _holders;

    public long Total => Volatile.Read(ref _total);

    public long Limit
    {
        get => Volatile.Read(ref _limit);
        set => Volatile.Write(ref _limit, value);
    }

    /// <summary>Records the connection's new pending byte count (called by its holder).</summary>
    public void Update(Connection c, int pending)
    {
        int old = c.PendingBytes;
        if (old == pending) return;
        Volatile.Write(ref c.PendingBytes, pending);
        Interlocked.Add(ref _total, pending - old);
        if (old == 0) Interlocked.Increment(ref _holders);
        else if (pending == 0) Interlocked.Decrement(ref _holders);
    }

    /// <summary>Whether a connection holding <paramref name="pending"/> unsent bytes must stop reading now.</summary>
    public bool MustPause(int pending, int perConnectionLimit)
    {
        if (pending >= perConnectionLimit) return true;
        if (pending == 0) return false;
        long total = Volatile.Read(ref _total);
        if (total < Volatile.Read(ref _limit)) return false;
        int holders = Math.Max(1, Volatile.Read(ref _holders));
        return pending >= total / holders;
    }
}
