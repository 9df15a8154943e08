namespace AdminServer.Engine.Metrics;

/// <summary>
/// Counters written by many threads without a lock or an interlocked operation: each I/O thread increments its
/// own row (by its slot, <see cref="EngineThreadSlots"/>), and readers sum the rows. The rows of a histogram
/// (<see cref="LatencyHistogram"/>) and of a service's counters (HTTP) are both this.
/// </summary>
internal sealed class ThreadRows(int width)
{
    private readonly long[]?[] _rows = new long[]?[EngineThreadSlots.Max];

    public int Width => width;

    /// <summary>The calling thread's row, created on first use; only that thread writes it.</summary>
    public long[] Row(int slot) => _rows[slot] ??= new long[width];

    /// <summary>Every row added up, each value read whole (64-bit reads are atomic on x64), if slightly old.</summary>
    public long[] Sum()
    {
        var sum = new long[width];
        foreach (var row in _rows)
        {
            if (row is null) continue;
            for (int i = 0; i < width; i++) sum[i] += Volatile.Read(ref row[i]);
        }
        return sum;
    }
}
