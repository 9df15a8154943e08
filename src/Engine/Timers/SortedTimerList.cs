namespace AdminServer.Engine.Timers;

/// <summary>
/// Timers in an intrusive doubly linked list sorted by ascending deadline.
/// </summary>
/// <remarks>
/// Made for the engine's common case where every timer has the same duration (idle timeout):
/// deadlines then arrive in non-decreasing order, so insertion, which scans backwards from the
/// tail, stops at once and costs O(1). Cancel is O(1) thanks to the prev/next links, NextDeadline
/// is the head and Expire pops from the head. With mixed durations insertion degrades to O(n);
/// that is the trade-off this structure makes, and why the wheel and heap exist.
/// Equal deadlines keep insertion (FIFO) order.
/// </remarks>
public sealed class SortedTimerList : ITimerQueue
{
    private TimerNode? _head;
    private TimerNode? _tail;
    private int _count;

    /// <inheritdoc />
    public TimerKind Kind => TimerKind.List;

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public long NextDeadline => _head is null ? long.MaxValue : _head.DeadlineMs;

    /// <inheritdoc />
    public void Add(TimerNode node, long deadline)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Queue is not null)
        {
            ThrowHelper.NodeAlreadyPending();
        }

        node.DeadlineMs = deadline;
        node.Queue = this;
        InsertScanningBackFrom(node, _tail);
        _count++;
    }

    /// <inheritdoc />
    public void Cancel(TimerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!ReferenceEquals(node.Queue, this))
        {
            return;
        }

        Unlink(node);
        node.Queue = null;
        _count--;
    }

    /// <inheritdoc />
    public void Adjust(TimerNode node, long deadline)
    {
        if (QueueMembership.AddIfNotPending(this, node, deadline))
        {
            return;
        }

        long old = node.DeadlineMs;
        node.DeadlineMs = deadline;
        TimerNode? prev = node.Prev;
        TimerNode? next = node.Next;
        if ((prev is null || prev.DeadlineMs <= deadline) && (next is null || next.DeadlineMs >= deadline))
        {
            // Still in order where it is (e.g. touching the tail): no relinking.
            return;
        }

        Unlink(node);
        // A later deadline usually means "touched to now + timeout", which belongs at or near the
        // tail; an earlier one is searched for from the old position so we never scan the whole list
        // from the wrong end.
        InsertScanningBackFrom(node, deadline >= old ? _tail : prev);
    }

    /// <inheritdoc />
    public int Expire(long now, List<TimerNode> fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        int n = 0;
        TimerNode? node = _head;
        while (node is not null && node.DeadlineMs <= now)
        {
            TimerNode? next = node.Next;
            node.Prev = null;
            node.Next = null;
            node.Queue = null;
            fired.Add(node);
            n++;
            node = next;
        }

        // Detach the fired prefix in one step instead of unlinking node by node.
        _head = node;
        if (node is null)
        {
            _tail = null;
        }
        else
        {
            node.Prev = null;
        }

        _count -= n;
        return n;
    }

    /// <inheritdoc />
    public void DrainTo(List<TimerNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        TimerNode? node = _head;
        while (node is not null)
        {
            TimerNode? next = node.Next;
            node.Prev = null;
            node.Next = null;
            node.Queue = null;
            nodes.Add(node);
            node = next;
        }

        _head = null;
        _tail = null;
        _count = 0;
    }

    /// <inheritdoc />
    public TimerShape Snapshot(long now, int maxNodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNodes);
        var entries = new TimerShapeEntry[Math.Min(maxNodes, _count)];
        TimerNode? node = _head;
        for (int i = 0; i < entries.Length && node is not null; i++, node = node.Next)
        {
            entries[i] = TimerShapeEntry.For(node, now);
        }

        return TimerShape.Create(Kind, now, _count, NextDeadline, entries);
    }

    // Links node after the last node at or before 'start' whose deadline is <= node's, walking
    // backwards; null start (or falling off the head) means the node becomes the head.
    private void InsertScanningBackFrom(TimerNode node, TimerNode? start)
    {
        long deadline = node.DeadlineMs;
        TimerNode? after = start;
        while (after is not null && after.DeadlineMs > deadline)
        {
            after = after.Prev;
        }

        node.Prev = after;
        if (after is null)
        {
            node.Next = _head;
            if (_head is null)
            {
                _tail = node;
            }
            else
            {
                _head.Prev = node;
            }

            _head = node;
        }
        else
        {
            TimerNode? next = after.Next;
            node.Next = next;
            if (next is null)
            {
                _tail = node;
            }
            else
            {
                next.Prev = node;
            }

            after.Next = node;
        }
    }

    private void Unlink(TimerNode node)
    {
        TimerNode? prev = node.Prev;
        TimerNode? next = node.Next;
        if (prev is null)
        {
            _head = next;
        }
        else
        {
            prev.Next = next;
        }

        if (next is null)
        {
            _tail = prev;
        }
        else
        {
            next.Prev = prev;
        }

        node.Prev = null;
        node.Next = null;
    }
}
