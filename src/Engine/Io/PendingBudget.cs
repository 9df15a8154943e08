using AdminServer.Engine.Loop;

namespace AdminServer.Engine.Io;

/// <summary>
/// The engine-wide limit on unsent bytes (Engine:MaxPendingBytesTotal) on top of the per-connection
/// one. Each connection reports its pending bytes when they change (only the slow path: output the
/// socket would not take), so write-through costs nothing here. Over the budget, every connection
/// that holds unsent bytes stops reading until its peer takes them: those are the peers that do not
/// read (the ones that hold the most), while connections whose replies go straight out keep going.
/// The total therefore stays within the budget plus one read per connection that holds bytes.
/// </summary>
internal sealed class PendingBudget(long limit)
{
    private long _limit = limit;
    private long _total;

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
    }

    /// <summary>Whether a connection holding <paramref name="pending"/> unsent bytes must stop reading now.</summary>
    public bool MustPause(int pending, int perConnectionLimit)
    {
        if (pending >= perConnectionLimit) return true;
        return pending > 0 && Volatile.Read(ref _total) >= Volatile.Read(ref _limit);
    }

}
