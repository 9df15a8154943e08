namespace AdminServer.Engine.Timers.Bench;

/// <summary>Pre-computed nodes, deadlines and a random order, so the measured loops only call the queue.</summary>
public sealed class Workload
{
    /// <summary>Arbitrary monotonic start time (ms), deliberately not aligned to any wheel slot.</summary>
    public const long Start = 1_000_000_007;

    /// <summary>The idle timeout all timers share in the engine's common case.</summary>
    public const long Timeout = 30_000;

    public Workload(int count, int seed = 42)
    {
        Nodes = new TimerNode[count];
        Deadlines = new long[count];
        TouchDeadlines = new long[count];
        Order = new int[count];
        for (int i = 0; i < count; i++)
        {
            Nodes[i] = new TimerNode(i);

            // Timers armed over 30 s of arrivals with one 30 s timeout: non-decreasing deadlines,
            // ~33 per ms at a million timers.
            Deadlines[i] = Start + Timeout + (i * Timeout / count);

            // Touch k happens later still: now + timeout with now moving on.
            TouchDeadlines[i] = Start + (2 * Timeout) + (i * Timeout / count);
            Order[i] = i;
        }

        // Connections close / see traffic in an order unrelated to when they were opened.
        new Random(seed).Shuffle(Order);
    }

    public TimerNode[] Nodes { get; }

    public long[] Deadlines { get; }

    public long[] TouchDeadlines { get; }

    public int[] Order { get; }

    public long LastDeadline => Deadlines[^1];
}
