using System.Numerics;

namespace AdminServer.Engine.Timers;

/// <summary>
/// Hierarchical timing wheel: <see cref="LevelCount"/> levels of 64 slots, level 0 one ms per slot,
/// each level 64 times coarser (1 ms, 64 ms, 4.1 s, 4.4 min, 4.7 h, 12.4 days per slot; the whole
/// wheel spans 2^36 ms, about 795 days). Later deadlines wait in an overflow list.
/// </summary>
/// <remarks>
/// <para>
/// Placement: a deadline goes to the level of the highest 6-bit digit in which it differs from the
/// wheel's current time, in the slot given by that digit (the classic cascading wheel, as in
/// Varghese &amp; Lauck and the pre-4.8 Linux wheel). Add and Cancel are O(1): a leading-zero count,
/// a shift and an intrusive doubly linked slot list. A bitmap per level marks non-empty slots.
/// </para>
/// <para>
/// Firing: when time reaches the start of a coarse slot, its timers are re-inserted relative to
/// that time and so drop to finer levels; a timer whose deadline equals the slot start fires. Level
/// 0 slots are 1 ms wide and hold a single deadline, so a timer fires exactly in the Expire call whose
/// now first reaches its deadline: never early and, unlike the non-cascading Linux wheel, never late.
/// The price is that a timer may be moved up to <see cref="LevelCount"/> - 1 times before it fires,
/// which only happens to timers that are still pending when their coarse slot comes up (idle
/// timeouts that keep being touched are re-armed long before).
/// </para>
/// <para>
/// Invariant that makes everything cheap: every node in level L has the same digits above L as the
/// current time and a strictly greater digit at L. Hence all of level 0 precedes all of level 1, and so
/// on, and within a level the lowest set bitmap bit is the earliest slot. Expire jumps from one
/// non-empty slot start to the next with the bitmaps, so an idle gap of any length costs work
/// proportional to the slots and nodes it visits, never to the elapsed milliseconds.
/// </para>
/// <para>
/// <see cref="NextDeadline"/> is the start of the earliest non-empty slot, which may precede the real
/// earliest deadline (the loop then wakes, cascades, and gets a finer answer); it is never later.
/// </para>
/// </remarks>
public sealed class HierarchicalTimerWheel : ITimerQueue
{
    /// <summary>Number of levels.</summary>
    public const int LevelCount = 6;

    /// <summary>Slots per level (a power of two so slot selection is a shift and a mask).</summary>
    public const int SlotsPerLevel = 1 << SlotBits;

    private const int SlotBits = 6;
    private const int SlotMask = SlotsPerLevel - 1;

    /// <summary>log2 of the span of the whole wheel in ms.</summary>
    private const int RangeBits = SlotBits * LevelCount;

    // Buckets 0 .. LevelCount*64-1 are slots; two extra buckets reuse the same intrusive list code.
    private const int DueBucket = LevelCount * SlotsPerLevel;   // deadline <= current time when added
    private const int OverflowBucket = DueBucket + 1;           // beyond the wheel's span
    private const int BucketCount = OverflowBucket + 1;

    private readonly TimerNode?[] _heads = new TimerNode?[BucketCount];
    private readonly int[] _bucketCounts = new int[BucketCount];
    private readonly ulong[] _occupied = new ulong[LevelCount];

    // Everything with deadline <= _current has been handed out (or sits in the due bucket).
    private long _current;

    // Lower bounds of the deadlines in the due and overflow buckets. They may go stale (too low)
    // after a Cancel, which only makes NextDeadline / Expire look a little early, never late;
    // they are reset whenever their bucket empties.
    private long _dueMin = long.MaxValue;
    private long _overflowMin = long.MaxValue;

    private int _count;

    /// <summary>Creates an empty wheel whose current time is <paramref name="now"/>.</summary>
    public HierarchicalTimerWheel(long now) => _current = now;

    /// <inheritdoc />
    public TimerKind Kind => TimerKind.Wheel;

    /// <inheritdoc />
    public int Count => _count;

    /// <summary>Width in ms of one slot of <paramref name="level"/> (level 0 is 1 ms).</summary>
    public static long SlotWidth(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, LevelCount);
        return 1L << (level * SlotBits);
    }

    /// <summary>The wheel's current time: the latest now seen by Expire (or the creation time).</summary>
    internal long CurrentTime => _current;

    /// <inheritdoc />
    public long NextDeadline => _heads[DueBucket] is not null ? _dueMin : NextEventTime(out _);

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
        Place(node);
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
        node.Index = -1;
        _count--;
    }

    /// <inheritdoc />
    public void Adjust(TimerNode node, long deadline)
    {
        if (QueueMembership.AddIfNotPending(this, node, deadline))
        {
            return;
        }

        Unlink(node);
        node.DeadlineMs = deadline;
        Place(node);
    }

    /// <inheritdoc />
    public int Expire(long now, List<TimerNode> fired)
    {
        ArgumentNullException.ThrowIfNull(fired);
        int n = 0;
        if (_heads[DueBucket] is not null)
        {
            n += ExpireDue(now, fired);
        }

        if (now <= _current)
        {
            // Time did not advance (or the caller's clock went backwards): nothing else can be due.
            return n;
        }

        while (true)
        {
            long t = NextEventTime(out int bucket);
            if (t > now)
            {
                break;
            }

            // Advance to the slot start and empty the slot. Its nodes either fire (deadline reached)
            // or drop to a finer level relative to the new current time (see the class invariant).
            _current = t;
            TimerNode? node = DetachBucket(bucket);
            if (bucket == OverflowBucket)
            {
                // Recomputed from the nodes that go back into overflow below.
                _overflowMin = long.MaxValue;
            }

            n += FireOrPlace(node, t, fired);
        }

        // Every remaining slot starts after now, so the invariant holds with the current time at now.
        _current = now;
        return n;
    }

    /// <inheritdoc />
    public void DrainTo(List<TimerNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        for (int b = 0; b < BucketCount; b++)
        {
            TimerNode? node = _heads[b];
            while (node is not null)
            {
                TimerNode? next = node.Next;
                node.Prev = null;
                node.Next = null;
                node.Queue = null;
                node.Index = -1;
                nodes.Add(node);
                node = next;
            }

            _heads[b] = null;
        }

        Array.Clear(_bucketCounts);
        Array.Clear(_occupied);
        _dueMin = long.MaxValue;
        _overflowMin = long.MaxValue;
        _count = 0;
    }

    /// <inheritdoc />
    public TimerShape Snapshot(long now, int maxNodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxNodes);
        var levels = new WheelLevelShape[LevelCount];
        for (int level = 0; level < LevelCount; level++)
        {
            int shift = level * SlotBits;
            levels[level] = new WheelLevelShape(
                level,
                SlotsPerLevel,
                1L << shift,
                (int)(_current >> shift) & SlotMask,
                _bucketCounts.AsSpan(level * SlotsPerLevel, SlotsPerLevel).ToArray());
        }

        // Walk buckets in firing order (due, level 0.., overflow) until maxNodes entries are collected.
        var entries = new List<TimerShapeEntry>(Math.Min(maxNodes, _count));
        int currentSlot0 = (int)_current & SlotMask;
        AddEntries(entries, maxNodes, DueBucket, 0, currentSlot0, now);
        for (int level = 0; level < LevelCount && entries.Count < maxNodes; level++)
        {
            ulong bits = _occupied[level];
            while (bits != 0 && entries.Count < maxNodes)
            {
                int slot = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                AddEntries(entries, maxNodes, (level * SlotsPerLevel) + slot, level, slot, now);
            }
        }

        AddEntries(entries, maxNodes, OverflowBucket, LevelCount, 0, now);

        return TimerShape.Create(
            Kind, now, _count, NextDeadline, [.. entries], levels,
            _bucketCounts[DueBucket], _bucketCounts[OverflowBucket]);
    }

    private void AddEntries(List<TimerShapeEntry> entries, int maxNodes, int bucket, int level, int slot, long now)
    {
        for (TimerNode? node = _heads[bucket]; node is not null && entries.Count < maxNodes; node = node.Next)
        {
            entries.Add(TimerShapeEntry.For(node, now, level, slot));
        }
    }

    // Chooses the bucket for node.DeadlineMs relative to _current and links the node at its head.
    private void Place(TimerNode node)
    {
        long deadline = node.DeadlineMs;
        int bucket;
        if (deadline <= _current)
        {
            // Already due (added in the past, or for a time the wheel has passed): fires at the next Expire.
            bucket = DueBucket;
            if (deadline < _dueMin)
            {
                _dueMin = deadline;
            }
        }
        else
        {
            // Highest differing bit between deadline and current time -> level. For a deadline of a
            // different sign (or simply far away) this is >= RangeBits and the node overflows.
            ulong diff = (ulong)(deadline ^ _current);
            int level = (63 - BitOperations.LeadingZeroCount(diff)) / SlotBits;
            if (level < LevelCount)
            {
                int slot = (int)(deadline >> (level * SlotBits)) & SlotMask;
                bucket = (level * SlotsPerLevel) + slot;
                _occupied[level] |= 1UL << slot;
            }
            else
            {
                bucket = OverflowBucket;
                if (deadline < _overflowMin)
                {
                    _overflowMin = deadline;
                }
            }
        }

        TimerNode? head = _heads[bucket];
        node.Index = bucket;
        node.Prev = null;
        node.Next = head;
        if (head is not null)
        {
            head.Prev = node;
        }

        _heads[bucket] = node;
        _bucketCounts[bucket]++;
    }

    private void Unlink(TimerNode node)
    {
        int bucket = node.Index;
        TimerNode? prev = node.Prev;
        TimerNode? next = node.Next;
        if (next is not null)
        {
            next.Prev = prev;
        }

        if (prev is not null)
        {
            prev.Next = next;
        }
        else
        {
            _heads[bucket] = next;
            if (next is null)
            {
                BucketEmptied(bucket);
            }
        }

        node.Prev = null;
        node.Next = null;
        _bucketCounts[bucket]--;
    }

    private void BucketEmptied(int bucket)
    {
        if (bucket < DueBucket)
        {
            _occupied[bucket >> SlotBits] &= ~(1UL << (bucket & SlotMask));
        }
        else if (bucket == DueBucket)
        {
            _dueMin = long.MaxValue;
        }
        else
        {
            _overflowMin = long.MaxValue;
        }
    }

    private TimerNode? DetachBucket(int bucket)
    {
        TimerNode? head = _heads[bucket];
        _heads[bucket] = null;
        _bucketCounts[bucket] = 0;
        BucketEmptied(bucket);
        return head;
    }

    // Fires due-bucket nodes with deadline <= now. Normally that is all of them; the check only
    // matters if the caller's now is behind the wheel's current time (they go back into the due bucket).
    private int ExpireDue(long now, List<TimerNode> fired) => FireOrPlace(DetachBucket(DueBucket), now, fired);

    // Walks a detached bucket's chain: each node whose deadline has come fires, the rest are placed
    // again relative to the current time (a finer level, or the due bucket).
    private int FireOrPlace(TimerNode? node, long now, List<TimerNode> fired)
    {
        int n = 0;
        while (node is not null)
        {
            TimerNode? next = node.Next;
            node.Prev = null;
            node.Next = null;
            if (node.DeadlineMs <= now)
            {
                node.Queue = null;
                node.Index = -1;
                fired.Add(node);
                n++;
                _count--;
            }
            else
            {
                Place(node);
            }

            node = next;
        }

        return n;
    }

    // Start time of the earliest non-empty slot (bucket = its index), the block start of the
    // earliest overflow deadline, or long.MaxValue. Excludes the due bucket.
    private long NextEventTime(out int bucket)
    {
        for (int level = 0; level < LevelCount; level++)
        {
            ulong bits = _occupied[level];
            if (bits != 0)
            {
                // By the invariant every set bit is above the current digit, so the lowest is earliest.
                int slot = BitOperations.TrailingZeroCount(bits);
                int shift = level * SlotBits;
                bucket = (level * SlotsPerLevel) + slot;
                long levelBase = (_current >> (shift + SlotBits)) << (shift + SlotBits);
                return levelBase | ((long)slot << shift);
            }
        }

        if (_heads[OverflowBucket] is not null)
        {
            bucket = OverflowBucket;
            // Re-insert overflow nodes when time reaches the wheel span containing the earliest of
            // them (not merely the next span), so a multi-year jump does not spin span by span.
            // Max() guards against a stale, too-low _overflowMin.
            long earliestBlock = (_overflowMin >> RangeBits) << RangeBits;
            long currentBlock = _current >> RangeBits;
            long nextBlock = currentBlock == (long.MaxValue >> RangeBits) ? long.MaxValue : (currentBlock + 1) << RangeBits;
            return Math.Max(earliestBlock, nextBlock);
        }

        bucket = -1;
        return long.MaxValue;
    }
}
