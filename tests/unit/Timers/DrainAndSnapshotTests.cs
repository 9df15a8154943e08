using AdminServer.Engine.Timers;

using System.Text.Json;

namespace AdminServer.UnitTests.Timers;

public sealed class DrainAndSnapshotTests
{
    public static TheoryData<TimerKind, TimerKind> KindPairs()
    {
        var data = new TheoryData<TimerKind, TimerKind>();
        foreach (TimerKind from in Enum.GetValues<TimerKind>())
        {
            foreach (TimerKind to in Enum.GetValues<TimerKind>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

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
    [MemberData(nameof(KindPairs))]
    public void DrainAndReAddKeepsEveryTimerWithItsDeadline(TimerKind from, TimerKind to)
    {
        var rng = new Random(5);
        long now = 1_000_000;
        ITimerQueue source = TimerQueues.Create(from, now);
        var expected = new Dictionary<TimerNode, long>();
        for (int i = 0; i < 2000; i++)
        {
            var node = new TimerNode($"conn-{i}");
            long deadline = now + rng.NextInt64(-100, 1L << 38);
            source.Add(node, deadline);
            expected[node] = deadline;
        }

        // Move time a bit so the wheel has cascaded and holds nodes at several levels.
        now += 70_000;
        var fired = new List<TimerNode>();
        source.Expire(now, fired);
        foreach (TimerNode f in fired)
        {
            expected.Remove(f);
        }

        var drained = new List<TimerNode>();
        source.DrainTo(drained);
        Assert.Equal(0, source.Count);
        Assert.Equal(long.MaxValue, source.NextDeadline);
        Assert.Equal(expected.Count, drained.Count);

        ITimerQueue target = TimerQueues.Create(to, now);
        foreach (TimerNode node in drained)
        {
            Assert.False(node.IsPending);
            Assert.Equal(expected[node], node.Deadline);
            target.Add(node, node.Deadline);
        }

        Assert.Equal(expected.Count, target.Count);

        // Everything fires eventually, exactly once, with the deadline it had.
        fired.Clear();
        target.Expire(long.MaxValue / 2, fired);
        Assert.Equal(expected.Count, fired.Count);
        Assert.Equal(expected.Keys.ToHashSet(), fired.ToHashSet());
        Assert.All(fired, f => Assert.Equal(expected[f], f.Deadline));
        Assert.Equal(0, target.Count);

        // The source queue is reusable after a drain.
        source.Add(drained[0], now + 5);
        Assert.Equal(1, source.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SnapshotIsBoundedAndCountsMatch(TimerKind kind)
    {
        long now = 500;
        ITimerQueue queue = TimerQueues.Create(kind, now);
        var rng = new Random(11);
        for (int i = 0; i < 1000; i++)
        {
            // Every tenth timer is already overdue so the wheel's due bucket is exercised too.
            long offset = i % 10 == 0 ? -rng.NextInt64(0, 100) : rng.NextInt64(1, 1L << 37);
            queue.Add(new TimerNode($"c{i}"), now + offset);
        }

        foreach (int max in new[] { 0, 1, 10, 5000 })
        {
            TimerShape shape = queue.Snapshot(now, max);
            Assert.Equal(kind, shape.Kind);
            Assert.Equal(1000, shape.Count);
            Assert.Equal(queue.NextDeadline, shape.NextDeadline);
            Assert.Equal(shape.NextDeadline - now, shape.NextDueInMs);
            Assert.Equal(Math.Min(max, 1000), shape.Entries.Length);
            Assert.All(shape.Entries, e => Assert.Equal(e.Deadline - now, e.RemainingMs));
            Assert.All(shape.Entries, e => Assert.StartsWith("c", e.Owner));

            switch (kind)
            {
                case TimerKind.Heap:
                    Assert.Empty(shape.Levels);
                    if (shape.Entries.Length > 0)
                    {
                        Assert.Equal(queue.NextDeadline, shape.Entries[0].Deadline);
                    }

                    // Array order satisfies the heap property.
                    for (int i = 1; i < shape.Entries.Length; i++)
                    {
                        Assert.True(shape.Entries[(i - 1) / 2].Deadline <= shape.Entries[i].Deadline);
                    }

                    break;
                case TimerKind.List:
                    Assert.Empty(shape.Levels);
                    for (int i = 1; i < shape.Entries.Length; i++)
                    {
                        Assert.True(shape.Entries[i - 1].Deadline <= shape.Entries[i].Deadline);
                    }

                    break;
                case TimerKind.Wheel:
                    Assert.Equal(HierarchicalTimerWheel.LevelCount, shape.Levels.Length);
                    Assert.All(shape.Levels, l => Assert.Equal(l.SlotCount, l.Occupancy.Length));
                    Assert.Equal(1, shape.Levels[0].GranularityMs);
                    Assert.Equal(64, shape.Levels[1].GranularityMs);
                    int inSlots = shape.Levels.Sum(l => l.Occupancy.Sum());
                    Assert.Equal(1000, inSlots + shape.DueCount + shape.OverflowCount);
                    Assert.True(shape.DueCount > 0, "some deadlines were in the past");
                    Assert.True(shape.OverflowCount > 0, "some deadlines were beyond the wheel");
                    Assert.All(shape.Entries, e => Assert.InRange(e.Level, 0, HierarchicalTimerWheel.LevelCount));
                    break;
            }
        }

        // Serializable with System.Text.Json and round-trips.
        TimerShape original = queue.Snapshot(now, 8);
        string json = JsonSerializer.Serialize(original);
        Assert.Contains($"\"Kind\":\"{kind}\"", json, StringComparison.Ordinal);
        TimerShape? back = JsonSerializer.Deserialize<TimerShape>(json);
        Assert.NotNull(back);
        Assert.Equal(original.Count, back.Count);
        Assert.Equal(original.NextDeadline, back.NextDeadline);
        Assert.Equal(original.Entries, back.Entries); // TimerShapeEntry is a record: value equality
        Assert.Equal(original.Levels.Length, back.Levels.Length);
        for (int i = 0; i < original.Levels.Length; i++)
        {
            Assert.Equal(original.Levels[i].Occupancy, back.Levels[i].Occupancy);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EmptySnapshot(TimerKind kind)
    {
        TimerShape shape = TimerQueues.Create(kind, 0).Snapshot(0, 10);
        Assert.Equal(0, shape.Count);
        Assert.Equal(long.MaxValue, shape.NextDeadline);
        Assert.Null(shape.NextDueInMs);
        Assert.Empty(shape.Entries);
    }
}
