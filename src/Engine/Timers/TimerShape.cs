namespace AdminServer.Engine.Timers;

/// <summary>
/// Immutable, JSON-serializable (System.Text.Json) picture of a timer queue, bounded in size so
/// the dashboard can poll it even with a million pending timers.
/// </summary>
/// <param name="Kind">Which structure.</param>
/// <param name="Now">The time the snapshot was taken for (ms).</param>
/// <param name="Count">Pending timers.</param>
/// <param name="NextDeadline">The queue's <see cref="ITimerQueue.NextDeadline"/>; <see cref="long.MaxValue"/> when empty.</param>
/// <param name="NextDueInMs">
/// NextDeadline - Now, or null when empty. Given separately because long.MaxValue does not survive
/// a trip through a JavaScript number.
/// </param>
/// <param name="Entries">
/// Heap: the first entries of the heap array in array order. List: the first nodes in list order.
/// Wheel: the earliest nodes, walking overdue, then levels 0.. up in slot order, then overflow.
/// </param>
/// <param name="Levels">Wheel levels; empty for list and heap.</param>
/// <param name="DueCount">Wheel: overdue nodes waiting for the next Expire; 0 otherwise.</param>
/// <param name="OverflowCount">Wheel: nodes beyond the top level's range; 0 otherwise.</param>
public sealed record TimerShape(
    TimerKind Kind,
    long Now,
    int Count,
    long NextDeadline,
    long? NextDueInMs,
    TimerShapeEntry[] Entries,
    WheelLevelShape[] Levels,
    int DueCount,
    int OverflowCount)
{
    /// <summary>Which loop's structure this is (each loop has its own).</summary>
    public int Loop { get; init; }

    /// <summary>Pending timers across every loop.</summary>
    public int TotalCount { get; init; }

    /// <summary>Pending timers per loop, by loop index.</summary>
    public int[] LoopCounts { get; init; } = [];

    internal static TimerShape Create(
        TimerKind kind, long now, int count, long nextDeadline, TimerShapeEntry[] entries,
        WheelLevelShape[]? levels = null, int dueCount = 0, int overflowCount = 0) =>
        new(kind, now, count, nextDeadline,
            nextDeadline == long.MaxValue ? null : nextDeadline - now,
            entries, levels ?? [], dueCount, overflowCount);
}
