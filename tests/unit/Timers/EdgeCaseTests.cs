using AdminServer.Engine.Timers;

namespace AdminServer.UnitTests.Timers;

public sealed class EdgeCaseTests
{
    public static TheoryData<TimerKind> Kinds()
    {
        var data = new TheoryData<TimerKind>();
        foreach (TimerKind kind in Enum.GetValues<TimerKind>())
        {
            data.Add(kind);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AddOfPendingNodeThrows(TimerKind kind)
    {
        ITimerQueue queue = TimerQueues.Create(kind, 0);
        ITimerQueue other = TimerQueues.Create(kind, 0);
        var node = new TimerNode("a");
        queue.Add(node, 10);
        Assert.Throws<InvalidOperationException>(() => queue.Add(node, 20));
        Assert.Throws<InvalidOperationException>(() => other.Add(node, 20));
        Assert.Throws<InvalidOperationException>(() => other.Adjust(node, 20));
        Assert.Equal(10, node.Deadline);
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, other.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void CancelOfNonPendingNodeIsNoOp(TimerKind kind)
    {
        ITimerQueue queue = TimerQueues.Create(kind, 0);
        ITimerQueue other = TimerQueues.Create(kind, 0);
        var idle = new TimerNode();
        queue.Cancel(idle);
        queue.Cancel(idle);
        Assert.Equal(0, queue.Count);

        var elsewhere = new TimerNode();
        other.Add(elsewhere, 5);
        queue.Cancel(elsewhere); // pending, but not in this queue
        Assert.True(elsewhere.IsPending);
        Assert.Equal(1, other.Count);

        var a = new TimerNode();
        queue.Add(a, 5);
        queue.Cancel(a);
        queue.Cancel(a);
        Assert.False(a.IsPending);
        Assert.Equal(0, queue.Count);
        Assert.Equal(long.MaxValue, queue.NextDeadline);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeadlineInThePastFiresAtNextExpire(TimerKind kind)
    {
        long now = 10_000;
        ITimerQueue queue = TimerQueues.Create(kind, now);
        var past = new TimerNode("past");
        var future = new TimerNode("future");
        queue.Add(past, now - 5_000);
        queue.Add(future, now + 1);
        Assert.True(queue.NextDeadline <= now);

        var fired = new List<TimerNode>();
        Assert.Equal(1, queue.Expire(now, fired));
        Assert.Same(past, fired[0]);
        Assert.False(past.IsPending);
        Assert.True(future.IsPending);

        // Deadline == now fires; deadline > now does not.
        fired.Clear();
        Assert.Equal(0, queue.Expire(now, fired));
        Assert.Equal(1, queue.Expire(now + 1, fired));
        Assert.Same(future, fired[0]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AdjustAddsWhenNotPendingAndMovesWhenPending(TimerKind kind)
    {
        ITimerQueue queue = TimerQueues.Create(kind, 0);
        var a = new TimerNode("a");
        var b = new TimerNode("b");
        queue.Adjust(a, 100);
        queue.Add(b, 50);
        Assert.True(a.IsPending);
        Assert.Equal(2, queue.Count);

        queue.Adjust(b, 200); // touch: later
        queue.Adjust(a, 10);  // earlier
        var fired = new List<TimerNode>();
        queue.Expire(150, fired);
        Assert.Equal([a], fired);
        fired.Clear();
        queue.Expire(200, fired);
        Assert.Equal([b], fired);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FiredNodeCanBeReAddedStraightAway(TimerKind kind)
    {
        ITimerQueue queue = TimerQueues.Create(kind, 0);
        var node = new TimerNode("periodic");
        queue.Add(node, 10);
        var fired = new List<TimerNode>();
        for (long t = 10; t <= 100; t += 10)
        {
            fired.Clear();
            Assert.Equal(1, queue.Expire(t, fired));
            queue.Add(fired[0], t + 10);
        }

        Assert.Equal(110, node.Deadline);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EqualDeadlinesAllFire(TimerKind kind)
    {
        ITimerQueue queue = TimerQueues.Create(kind, 0);
        var nodes = Enumerable.Range(0, 100).Select(i => new TimerNode(i)).ToArray();
        foreach (TimerNode n in nodes)
        {
            queue.Add(n, 30_000);
        }

        var fired = new List<TimerNode>();
        Assert.Equal(0, queue.Expire(29_999, fired));
        Assert.Equal(100, queue.Expire(30_000, fired));
        if (kind == TimerKind.List)
        {
            Assert.Equal(nodes, fired); // FIFO among equal deadlines
        }
    }

    [Fact]
    public void WheelHandlesHugeJumpsAndFarDeadlinesCheaply()
    {
        var wheel = new HierarchicalTimerWheel(0);
        var never = new TimerNode("never");
        wheel.Add(never, long.MaxValue);
        var nodes = new List<TimerNode>();
        var rng = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            var n = new TimerNode(i);
            nodes.Add(n);
            wheel.Add(n, rng.NextInt64(1, 1L << 50)); // up to ~35,000 years
        }

        // One jump across ~2^50 ms: the work is bounded by slots and nodes, not milliseconds
        // (iterating per ms or per wheel span would not finish).
        var fired = new List<TimerNode>();
        Assert.Equal(10_000, wheel.Expire(1L << 50, fired));
        Assert.All(fired, f => Assert.True(f.Deadline <= 1L << 50));
        Assert.True(never.IsPending);
        Assert.Equal(1, wheel.Count);
        Assert.True(wheel.NextDeadline > 1L << 50);
        Assert.Equal(1L << 50, wheel.CurrentTime);
    }

    [Fact]
    public void WheelNextDeadlineIsSlotStartAndSteppingToItConverges()
    {
        var wheel = new HierarchicalTimerWheel(0);
        var node = new TimerNode();
        wheel.Add(node, 30_000); // level 2 (4096 ms slots)

        long next = wheel.NextDeadline;
        Assert.True(next <= 30_000);
        Assert.True(next > 30_000 - HierarchicalTimerWheel.SlotWidth(2));

        // The loop sleeps until NextDeadline, calls Expire, repeats: it must reach 30 000 exactly
        // and take at most one wake-up per level.
        var fired = new List<TimerNode>();
        int wakeUps = 0;
        while (fired.Count == 0)
        {
            next = wheel.NextDeadline;
            Assert.True(next <= 30_000);
            wheel.Expire(next, fired);
            wakeUps++;
        }

        Assert.Equal(30_000, next);
        Assert.InRange(wakeUps, 1, HierarchicalTimerWheel.LevelCount);
    }

    [Fact]
    public void WheelDoesNotFireWhenClockGoesBackwards()
    {
        var wheel = new HierarchicalTimerWheel(1000);
        var node = new TimerNode();
        wheel.Add(node, 900); // due relative to the wheel's time
        var fired = new List<TimerNode>();
        Assert.Equal(0, wheel.Expire(800, fired)); // but not relative to the caller's now
        Assert.True(node.IsPending);
        Assert.Equal(1, wheel.Expire(900, fired));
    }

    [Fact]
    public void HeapCapacityIsHonouredAndGrowsWhenExceeded()
    {
        var heap = new TimerHeap(1000);
        Assert.Equal(1000, heap.Capacity);
        for (int i = 0; i < 1000; i++)
        {
            heap.Add(new TimerNode(), 1000 - i);
        }

        Assert.Equal(1000, heap.Capacity);
        heap.Add(new TimerNode(), 0);
        Assert.True(heap.Capacity > 1000);
        Assert.Equal(0, heap.NextDeadline);
    }

    [Fact]
    public void FactoryCreatesEachKind()
    {
        Assert.IsType<SortedTimerList>(TimerQueues.Create(TimerKind.List, 0));
        Assert.IsType<HierarchicalTimerWheel>(TimerQueues.Create(TimerKind.Wheel, 0));
        Assert.IsType<TimerHeap>(TimerQueues.Create(TimerKind.Heap, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimerQueues.Create((TimerKind)99, 0));
        foreach (TimerKind kind in Enum.GetValues<TimerKind>())
        {
            Assert.Equal(kind, TimerQueues.Create(kind, 0).Kind);
        }
    }
}
