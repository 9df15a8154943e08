using AdminServer.Engine.Timers;

namespace AdminServer.UnitTests.Timers;

/// <summary>
/// Small exhaustive check of Adjust and Cancel: every queue size up to 6, every node, every
/// new deadline around and between the existing ones (including ties). Random tests rarely hit
/// "move by one position" cases, which is exactly where in-place shortcuts go wrong.
/// </summary>
public sealed class ExhaustiveAdjustTests
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
    public void AdjustToEveryPositionKeepsOrder(TimerKind kind)
    {
        for (int size = 1; size <= 6; size++)
        {
            for (int target = 0; target < size; target++)
            {
                for (long newDeadline = 5; newDeadline <= (size * 10) + 15; newDeadline += 5)
                {
                    ITimerQueue queue = TimerQueues.Create(kind, 0);
                    TimerNode[] nodes = Fill(queue, size);
                    queue.Adjust(nodes[target], newDeadline);
                    AssertFiresInOrder(queue, nodes.ToDictionary(n => n, n => n.Deadline));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void CancelAtEveryPositionKeepsOrder(TimerKind kind)
    {
        for (int size = 1; size <= 7; size++)
        {
            for (int target = 0; target < size; target++)
            {
                ITimerQueue queue = TimerQueues.Create(kind, 0);
                TimerNode[] nodes = Fill(queue, size);
                queue.Cancel(nodes[target]);
                Assert.Equal(size - 1, queue.Count);
                AssertFiresInOrder(queue, nodes.Where(n => n != nodes[target]).ToDictionary(n => n, n => n.Deadline));
            }
        }
    }

    // Deadlines 10, 20, 30, ... added in a scrambled order so the heap is not trivially sorted.
    private static TimerNode[] Fill(ITimerQueue queue, int size)
    {
        var nodes = new TimerNode[size];
        for (int i = 0; i < size; i++)
        {
            nodes[i] = new TimerNode(i);
        }

        // Deterministic scramble of the insertion order (descending, then odd/even interleaved).
        foreach (int i in Enumerable.Range(0, size).OrderBy(i => i % 2).ThenByDescending(i => i))
        {
            queue.Add(nodes[i], (i + 1) * 10);
        }

        return nodes;
    }

    private static void AssertFiresInOrder(ITimerQueue queue, Dictionary<TimerNode, long> expected)
    {
        var fired = new List<TimerNode>();
        for (long t = 0; t <= 200; t++)
        {
            int before = fired.Count;
            queue.Expire(t, fired);
            for (int i = before; i < fired.Count; i++)
            {
                Assert.Equal(t, expected[fired[i]]); // fires exactly at its deadline, not before or after
            }
        }

        Assert.Equal(expected.Count, fired.Count);
        Assert.Equal(0, queue.Count);
    }
}
