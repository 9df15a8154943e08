namespace AdminServer.Engine.Timers;

/// <summary>One timer as drawn by the dashboard.</summary>
/// <param name="Deadline">Absolute deadline (ms).</param>
/// <param name="RemainingMs">Deadline minus the snapshot's now; negative when overdue.</param>
/// <param name="Owner"><c>Owner?.ToString()</c> of the node.</param>
/// <param name="Level">
/// Wheel only: level 0..levels-1, or levels (one past the top) for the overflow list; overdue
/// nodes waiting for the next Expire are shown in level 0's current slot. -1 for list and heap.
/// </param>
/// <param name="Slot">Wheel only: slot within the level; -1 for list and heap.</param>
public sealed record TimerShapeEntry(long Deadline, long RemainingMs, string? Owner, int Level = -1, int Slot = -1)
{
    /// <summary>What the timer is for, when its owner says (<see cref="ITimerOwner"/>): "idle", "keep-alive", "request"…</summary>
    public string? Kind { get; init; }

    internal static TimerShapeEntry For(TimerNode node, long now, int level = -1, int slot = -1) =>
        new(node.DeadlineMs, node.DeadlineMs - now, node.Owner?.ToString(), level, slot) { Kind = (node.Owner as ITimerOwner)?.TimerKind };
}
