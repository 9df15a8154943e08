namespace AdminServer.Engine.Timers;

/// <summary>The start every <see cref="ITimerQueue.Adjust"/> shares, whatever the structure.</summary>
internal static class QueueMembership
{
    /// <summary>
    /// Adds an idle node (Adjust of a node that is not pending means Add) and returns true; returns
    /// false for a node pending in <paramref name="queue"/>; throws for a node of another queue,
    /// whose links this queue must never touch.
    /// </summary>
    public static bool AddIfNotPending(ITimerQueue queue, TimerNode node, long deadline)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Queue is null)
        {
            queue.Add(node, deadline);
            return true;
        }

        if (!ReferenceEquals(node.Queue, queue))
        {
            ThrowHelper.NodeInOtherQueue();
        }

        return false;
    }
}
