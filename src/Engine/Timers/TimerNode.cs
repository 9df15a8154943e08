namespace AdminServer.Engine.Timers;

/// <summary>
/// Intrusive timer node: one per timer (typically one per connection), reused for the
/// timer's whole life. The queues link nodes through the internal fields below, so adding,
/// cancelling and re-arming a timer never allocates.
/// </summary>
/// <remarks>Not thread-safe: a node belongs to the single event-loop thread that owns its queue.</remarks>
public sealed class TimerNode
{
    /// <summary>Creates an idle (not pending) node.</summary>
    /// <param name="owner">Whatever the timer belongs to (e.g. the connection); shown in snapshots via <c>ToString()</c>.</param>
    public TimerNode(object? owner = null) => Owner = owner;

    /// <summary>The object this timer belongs to, e.g. the connection.</summary>
    public object? Owner { get; }

    /// <summary>
    /// Absolute deadline in ms, set by the queue on Add/Adjust. It is kept after the node
    /// fires, is cancelled or drained, so a drained node can be re-added with the same deadline.
    /// </summary>
    public long Deadline => DeadlineMs;

    /// <summary>True while the node sits in a queue.</summary>
    public bool IsPending => Queue is not null;

    // Plain fields rather than properties: these are touched on every hot-path operation and
    // only by code in this assembly.

    /// <summary>Backing field of <see cref="Deadline"/>.</summary>
    internal long DeadlineMs;

    /// <summary>
    /// The queue holding the node, or null. Stored (not just a flag) so that Cancel on a queue
    /// that does not hold the node is a safe no-op instead of corrupting another queue's links.
    /// </summary>
    internal ITimerQueue? Queue;

    /// <summary>Previous node in the list / wheel slot.</summary>
    internal TimerNode? Prev;

    /// <summary>Next node in the list / wheel slot.</summary>
    internal TimerNode? Next;

    /// <summary>Heap: index in the heap array. Wheel: bucket index (level * 64 + slot, or the due/overflow bucket).</summary>
    internal int Index = -1;

    /// <inheritdoc />
    public override string ToString() => $"TimerNode(owner={Owner}, deadline={DeadlineMs}, pending={IsPending})";
}
