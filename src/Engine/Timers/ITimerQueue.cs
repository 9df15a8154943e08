namespace AdminServer.Engine.Timers;

/// <summary>
/// A timer queue driven by one event-loop thread. Time is a monotonic <see cref="long"/> in
/// milliseconds supplied by the caller; implementations never read a clock, which keeps them
/// deterministic and testable and lets the loop use one clock reading per iteration.
/// Implementations take no locks and are not thread-safe.
/// </summary>
public interface ITimerQueue
{
    /// <summary>Which structure this is.</summary>
    TimerKind Kind { get; }

    /// <summary>Number of pending nodes.</summary>
    int Count { get; }

    /// <summary>Inserts <paramref name="node"/> with an absolute deadline (ms).</summary>
    /// <exception cref="InvalidOperationException">The node is already pending (in this or another queue).</exception>
    void Add(TimerNode node, long deadline);

    /// <summary>Removes the node; a no-op if it is not pending in this queue.</summary>
    void Cancel(TimerNode node);

    /// <summary>Moves a pending node to a new deadline, or adds it if it is not pending.</summary>
    /// <exception cref="InvalidOperationException">The node is pending in a different queue.</exception>
    void Adjust(TimerNode node, long deadline);

    /// <summary>
    /// Earliest time at which something may fire, <see cref="long.MaxValue"/> when empty. Exact for
    /// the list and heap; for the wheel it may be the start of the earliest non-empty slot, i.e. earlier
    /// than the real earliest deadline but never later. The loop uses it as its epoll_wait timeout.
    /// </summary>
    long NextDeadline { get; }

    /// <summary>
    /// Removes every node whose deadline is &lt;= <paramref name="now"/> and appends it to
    /// <paramref name="fired"/> (never a node whose deadline is later). List and heap append in
    /// deadline order. Fired nodes are no longer pending, so the caller may re-add them at once.
    /// </summary>
    /// <returns>How many nodes were appended.</returns>
    int Expire(long now, List<TimerNode> fired);

    /// <summary>
    /// Removes all pending nodes and appends them to <paramref name="nodes"/>. Each keeps its
    /// <see cref="TimerNode.Deadline"/> so the caller can re-add it to a queue of another kind.
    /// </summary>
    void DrainTo(List<TimerNode> nodes);

    /// <summary>A bounded picture of the structure for the dashboard (at most <paramref name="maxNodes"/> entries).</summary>
    TimerShape Snapshot(long now, int maxNodes);
}
