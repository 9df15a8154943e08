namespace AdminServer.Engine.Timers;

/// <summary>
/// Binary min-heap of timers ordered by deadline. Each node remembers its array index, which
/// makes Cancel and Adjust O(log n) instead of a search; NextDeadline is the root, O(1).
/// </summary>
/// <remarks>
/// The array holds (deadline, node) pairs rather than bare node references: sifting compares
/// deadlines of parents and siblings, and keeping them inline means those comparisons read the
/// (contiguous) array instead of chasing a pointer into a node scattered in the heap, which at a
/// million timers is a cache miss per comparison. The node is only touched when it moves.
/// The array is never shrunk and only grows by doubling; pass a capacity to keep growth off
/// the hot path entirely.
/// </remarks>
public sealed class TimerHeap : ITimerQueue
{
    private Entry[] _items;
    private int _count;

    /// <summary>Creates a heap whose array holds <paramref name="capacity"/> timers before it must grow.</summary>
    public TimerHeap(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _items = new Entry[Math.Max(capacity, 16)];
    }

    /// <inheritdoc />
    public TimerKind Kind => TimerKind.Heap;

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>Current length of the backing array (for tests and diagnostics).</summary>
    public int Capacity => _items.Length;

    /// <inheritdoc />
    public long NextDeadline => _count == 0 ? long.MaxValue : _items[0].Deadline;

    /// <inheritdoc />
    public void Add(TimerNode node, long deadline)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Queue is not null)
        {
            ThrowHelper.NodeAlreadyPending();
        }

        if (_count == _items.Length)
        {
            Grow();
        }

        node.DeadlineMs = deadline;
        node.Queue = this;
        SiftUp(_count++, new Entry(deadline, node));
    }

    /// <inheritdoc />
    public void Cancel(TimerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!ReferenceEquals(node.Queue, this))
        {
            return;
        }

        RemoveAt(node.Index);
        node.Queue = null;
        node.Index = -1;
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
        var entry = new Entry(deadline, node);
        if (deadline < old)
        {
            SiftUp(node.Index, entry);
        }
        else
        {
            SiftDown(node.Index, entry);
        }
    }

    /// <inheritdoc />
    public int Expire(long now, List<TimerNode> fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        int n = 0;
        while (_count > 0 && _items[0].Deadline <= now)
        {
            TimerNode node = _items[0].Node;
            RemoveAt(0);
            node.Queue = null;
            node.Index = -1;
            fired.Add(node);
            n++;
        }

        return n;
    }

    /// <inheritdoc />
    public void DrainTo(List<TimerNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        for (int i = 0; i < _count; i++)
        {
            TimerNode node = _items[i].Node;
            node.Queue = null;
            node.Index = -1;
            nodes.Add(node);
        }

        // Clear references so drained nodes (and their owners) can be collected.
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    /// <inheritdoc />
    public TimerShape Snapshot(long now, int maxNodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNodes);
        var entries = new TimerShapeEntry[Math.Min(maxNodes, _count)];
        for (int i = 0; i < entries.Length; i++)
        {
            ref readonly Entry e = ref _items[i];
            entries[i] = new TimerShapeEntry(e.Deadline, e.Deadline - now, e.Node.Owner?.ToString()) { Kind = (e.Node.Owner as ITimerOwner)?.TimerKind };
        }

        return TimerShape.Create(Kind, now, _count, NextDeadline, entries);
    }

    private void RemoveAt(int index)
    {
        int last = --_count;
        Entry moved = _items[last];
        _items[last] = default;
        if (index == last)
        {
            return;
        }

        // The former last entry fills the hole and may need to go either way. Try down first: it
        // came from the bottom, so with deadlines armed in non-decreasing order (one idle timeout)
        // it usually belongs below any inner position, and trying down first then skips reading the
        // parent's slot, which at a million timers is one more cache miss. If it moved down it cannot
        // also need to go up (it is then larger than a child, which is >= the parent).
        if (SiftDown(index, moved) == index && index > 0)
        {
            SiftUp(index, moved);
        }
    }

    // "Hole" sifting: parents move down into the hole and the entry is written once at the end,
    // halving the writes compared with swapping.
    private void SiftUp(int index, Entry entry)
    {
        Entry[] items = _items;
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            Entry p = items[parent];
            if (p.Deadline <= entry.Deadline)
            {
                break;
            }

            items[index] = p;
            p.Node.Index = index;
            index = parent;
        }

        items[index] = entry;
        entry.Node.Index = index;
    }

    // Returns the index where the entry ended up.
    private int SiftDown(int index, Entry entry)
    {
        Entry[] items = _items;
        int count = _count;
        while (true)
        {
            int child = (2 * index) + 1;
            if (child >= count)
            {
                break;
            }

            int right = child + 1;
            if (right < count && items[right].Deadline < items[child].Deadline)
            {
                child = right;
            }

            Entry c = items[child];
            if (c.Deadline >= entry.Deadline)
            {
                break;
            }

            items[index] = c;
            c.Node.Index = index;
            index = child;
        }

        items[index] = entry;
        entry.Node.Index = index;
        return index;
    }

    private void Grow()
    {
        // Doubling keeps Add amortized O(1); the engine pre-sizes via the capacity to avoid it.
        Array.Resize(ref _items, _items.Length * 2);
    }

    private readonly record struct Entry(long Deadline, TimerNode Node);
}
