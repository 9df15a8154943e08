using AdminServer.Engine.Timers;

namespace AdminServer.UnitTests.Timers;

/// <summary>
/// Drives each queue with random Add / Cancel / Adjust / clock-advance sequences and compares it
/// after every step with a trivially correct model (a dictionary of node -> deadline).
/// </summary>
public sealed class ReferenceModelTests
{
    private const int NodeCount = 160;
    private const int Steps = 6000;

    // Level 5 slot width: the spec's bound on wheel lateness ("one slot of the top level").
    private static readonly long TopSlotWidth = HierarchicalTimerWheel.SlotWidth(HierarchicalTimerWheel.LevelCount - 1);

    private static readonly int[] Seeds = [1, 7, 42, 1234, 987654];

    public static TheoryData<TimerKind, int> KindsAndSeeds()
    {
        var data = new TheoryData<TimerKind, int>();
        foreach (TimerKind kind in Enum.GetValues<TimerKind>())
        {
            foreach (int seed in Seeds)
            {
                data.Add(kind, seed);
            }
        }

        return data;
    }

    public static TheoryData<int> WheelSeeds()
    {
        var data = new TheoryData<int>();
        foreach (int seed in Seeds)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndSeeds))]
    public void MatchesReferenceModel(TimerKind kind, int seed) => Run(kind, seed, wheelMustBeExact: false);

    /// <summary>
    /// This wheel cascades down to 1 ms slots, so it is in fact exact, which is stronger than the
    /// contract's "at most one slot late". Pin that down so a regression is noticed.
    /// </summary>
    [Theory]
    [MemberData(nameof(WheelSeeds))]
    public void WheelFiresExactlyAtDeadline(int seed) => Run(TimerKind.Wheel, seed + 100, wheelMustBeExact: true);

    private static void Run(TimerKind kind, int seed, bool wheelMustBeExact)
    {
        var rng = new Random(seed);
        // Start anywhere, including negative monotonic times and unaligned values.
        long now = rng.NextInt64(-1L << 40, 1L << 40);
        ITimerQueue queue = TimerQueues.Create(kind, now);
        var nodes = new TimerNode[NodeCount];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new TimerNode(i);
        }

        var model = new Dictionary<TimerNode, long>();
        var fired = new List<TimerNode>();
        bool exact = kind != TimerKind.Wheel || wheelMustBeExact;

        for (int step = 0; step < Steps; step++)
        {
            TimerNode node = nodes[rng.Next(nodes.Length)];
            int op = rng.Next(100);
            if (op < 35)
            {
                long deadline = RandomDeadline(rng, now);
                if (model.ContainsKey(node))
                {
                    Assert.Throws<InvalidOperationException>(() => queue.Add(node, deadline));
                }
                else
                {
                    queue.Add(node, deadline);
                    model[node] = deadline;
                }
            }
            else if (op < 50)
            {
                queue.Cancel(node);
                model.Remove(node);
            }
            else if (op < 70)
            {
                long deadline = RandomDeadline(rng, now);
                queue.Adjust(node, deadline);
                model[node] = deadline;
            }
            else
            {
                now = Advance(rng, now, queue);
                fired.Clear();
                int n = queue.Expire(now, fired);
                Assert.Equal(fired.Count, n);
                CheckFired(kind, exact, now, fired, model);
            }

            Assert.Equal(model.Count, queue.Count);
            Assert.Equal(model.ContainsKey(node), node.IsPending);
            if (model.TryGetValue(node, out long d))
            {
                Assert.Equal(d, node.Deadline);
            }

            CheckNextDeadline(kind, queue, model);
            CheckStructure(queue, now);
        }

        // Nothing lost: drain returns exactly the model's nodes.
        var drained = new List<TimerNode>();
        queue.DrainTo(drained);
        Assert.Equal(model.Count, drained.Count);
        Assert.Equal(model.Keys.ToHashSet(), drained.ToHashSet());
        Assert.All(drained, x => Assert.False(x.IsPending));
        Assert.Equal(0, queue.Count);
        Assert.Equal(long.MaxValue, queue.NextDeadline);
    }

    private static void CheckFired(TimerKind kind, bool exact, long now, List<TimerNode> fired, Dictionary<TimerNode, long> model)
    {
        var seen = new HashSet<TimerNode>();
        long previous = long.MinValue;
        foreach (TimerNode f in fired)
        {
            Assert.True(seen.Add(f), "a node fired twice");
            Assert.True(model.TryGetValue(f, out long deadline), "a node fired that was not pending");
            Assert.True(deadline <= now, $"fired early: deadline {deadline} > now {now} ({kind})");
            Assert.Equal(deadline, f.Deadline);
            Assert.False(f.IsPending);
            if (kind != TimerKind.Wheel)
            {
                Assert.True(deadline >= previous, "list/heap must fire in nondecreasing deadline order");
                previous = deadline;
            }

            model.Remove(f);
        }

        // Whatever is left must not be overdue beyond what the structure allows.
        foreach ((TimerNode node, long deadline) in model)
        {
            if (exact)
            {
                Assert.True(deadline > now, $"{kind}: deadline {deadline} <= now {now} but did not fire");
            }
            else
            {
                Assert.True(deadline > now - TopSlotWidth, $"wheel: deadline {deadline} more than a top-level slot behind now {now}");
            }

            Assert.True(node.IsPending);
        }
    }

    // Structural invariants, read through the public Snapshot (all nodes), so that a misplaced node
    // is caught even before it would have fired in the wrong order.
    private static void CheckStructure(ITimerQueue queue, long now)
    {
        TimerShape shape = queue.Snapshot(now, int.MaxValue);
        Assert.Equal(queue.Count, shape.Entries.Length);
        TimerShapeEntry[] e = shape.Entries;
        switch (queue)
        {
            case SortedTimerList:
                for (int i = 1; i < e.Length; i++)
                {
                    Assert.True(e[i - 1].Deadline <= e[i].Deadline, "list out of order");
                }

                break;
            case TimerHeap:
                for (int i = 1; i < e.Length; i++)
                {
                    Assert.True(e[(i - 1) / 2].Deadline <= e[i].Deadline, "heap property violated");
                }

                break;
            case HierarchicalTimerWheel wheel:
                long current = wheel.CurrentTime;
                foreach (TimerShapeEntry entry in e)
                {
                    if (entry.Deadline <= current)
                    {
                        continue; // due bucket, fires at the next Expire
                    }

                    int expectedLevel = (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(entry.Deadline ^ current))) / 6;
                    if (expectedLevel >= HierarchicalTimerWheel.LevelCount)
                    {
                        Assert.Equal(HierarchicalTimerWheel.LevelCount, entry.Level);
                    }
                    else
                    {
                        Assert.Equal(expectedLevel, entry.Level);
                        Assert.Equal((int)(entry.Deadline >> (6 * expectedLevel)) & 63, entry.Slot);
                    }
                }

                int inSlots = shape.Levels.Sum(l => l.Occupancy.Sum());
                Assert.Equal(shape.Count, inSlots + shape.DueCount + shape.OverflowCount);
                break;
        }
    }

    private static void CheckNextDeadline(TimerKind kind, ITimerQueue queue, Dictionary<TimerNode, long> model)
    {
        if (model.Count == 0)
        {
            Assert.Equal(long.MaxValue, queue.NextDeadline);
            return;
        }

        long min = model.Values.Min();
        if (kind == TimerKind.Wheel)
        {
            // May be early (slot start), never later than the real earliest deadline.
            Assert.True(queue.NextDeadline <= min, $"wheel NextDeadline {queue.NextDeadline} > earliest {min}");
        }
        else
        {
            Assert.Equal(min, queue.NextDeadline);
        }
    }

    private static long RandomDeadline(Random rng, long now) => rng.Next(9) switch
    {
        0 => now - rng.NextInt64(0, 5000),              // in the past
        1 => now,                                       // due right now
        2 => now + rng.NextInt64(1, 64),                // level 0
        3 => now + rng.NextInt64(1, 5000),              // levels 0-2
        4 => now + 30_000 + rng.Next(0, 3),             // idle-timeout-like: many equal deadlines
        5 => now + rng.NextInt64(1, 1L << 24),          // hours
        6 => now + rng.NextInt64(1, 1L << 36),          // anywhere in the wheel
        7 => now + rng.NextInt64(1L << 36, 1L << 42),   // beyond the wheel: overflow
        _ => now + rng.NextInt64(1, 200),
    };

    private static long Advance(Random rng, long now, ITimerQueue queue)
    {
        switch (rng.Next(10))
        {
            case 0:
                return now; // Expire without time passing
            case 1:
            case 2:
                return now + rng.Next(1, 10);
            case 3:
                return now + rng.Next(1, 5000);
            case 4:
                return now + rng.NextInt64(1, 1L << 26);
            case 5:
                return now + rng.NextInt64(1L << 36, 1L << 39); // past the wheel's top-level range
            default:
                // What the event loop does: sleep until NextDeadline (if it is in the future).
                long next = queue.NextDeadline;
                return next == long.MaxValue || next <= now ? now + 1 : next;
        }
    }
}
