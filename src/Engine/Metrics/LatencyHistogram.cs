using System.Diagnostics;

namespace AdminServer.Engine.Metrics;

/// <summary>
/// A latency histogram written by many threads without a lock or an interlocked operation (one
/// <see cref="ThreadRows"/> row per thread). Buckets are fixed,
/// Prometheus style (upper bounds in microseconds, the last one +Inf).
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Upper bounds of the buckets in microseconds; a last, implicit bucket holds everything above.</summary>
    public static readonly double[] BoundsMicros =
        [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000];

    private static readonly long[] BoundsTicks = BoundsMicros.Select(us => (long)(us * Stopwatch.Frequency / 1_000_000)).ToArray();
    private readonly ThreadRows _rows = new(BoundsTicks.Length + 2); // buckets, +Inf, then the sum of ticks

    /// <summary>Records one duration measured in Stopwatch ticks, by the thread holding <paramref name="slot"/>.</summary>
    public void Record(int slot, long ticks)
    {
        var row = _rows.Row(slot);
        int i = 0;
        while (i < BoundsTicks.Length && ticks > BoundsTicks[i]) i++;
        row[i]++;
        row[^1] += ticks;
    }

    /// <summary>The sum over every thread: per-bucket counts (not cumulative), the count and the sum in microseconds.</summary>
    public LatencySnapshot Snapshot()
    {
        var sum = _rows.Sum();
        var counts = sum[..^1];
        return new LatencySnapshot(BoundsMicros, counts, counts.Sum(), sum[^1] * 1_000_000.0 / Stopwatch.Frequency);
    }
}
