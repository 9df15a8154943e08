using BenchmarkDotNet.Attributes;

namespace AdminServer.Engine.Timers.Bench;

/// <summary>
/// Add / Cancel / Touch / Expire on our three queues. Every invocation performs <see cref="N"/>
/// operations (the derived class fixes N, because OperationsPerInvoke must be a constant):
/// Add fills an empty queue to N, Cancel empties a full queue in random order, Touch re-arms all
/// N pending timers in random order to a later deadline, Expire fires all N with one call
/// (a jump past the last deadline, so the wheel's cascades are included in the per-timer cost).
/// Nodes are allocated once in GlobalSetup and the heap is pre-sized, so nothing should allocate.
/// CancelInOrder / TouchInOrder repeat Cancel / Touch in insertion order (see below).
/// </summary>
[Config(typeof(BenchConfig))]
public abstract class TimerQueueBenchmarks
{
    private Workload _work = null!;
    private ITimerQueue _queue = null!;
    private List<TimerNode> _fired = null!;
    private List<TimerNode> _scratch = null!;

    [Params(TimerKind.List, TimerKind.Wheel, TimerKind.Heap)]
    public TimerKind Kind { get; set; }

    protected abstract int N { get; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _work = new Workload(N);
        _fired = new List<TimerNode>(N);
        _scratch = new List<TimerNode>(N);
        _queue = TimerQueues.Create(Kind, Workload.Start, N);
    }

    [IterationSetup(Target = "Add")]
    public void SetupEmpty() => Reset(fill: false);

    [IterationSetup(Targets = ["Cancel", "Touch", "Expire", "CancelInOrder", "TouchInOrder"])]
    public void SetupFull() => Reset(fill: true);

    protected void AddAll()
    {
        ITimerQueue q = _queue;
        TimerNode[] nodes = _work.Nodes;
        long[] deadlines = _work.Deadlines;
        for (int i = 0; i < nodes.Length; i++)
        {
            q.Add(nodes[i], deadlines[i]);
        }
    }

    protected void CancelAll()
    {
        ITimerQueue q = _queue;
        TimerNode[] nodes = _work.Nodes;
        int[] order = _work.Order;
        for (int i = 0; i < order.Length; i++)
        {
            q.Cancel(nodes[order[i]]);
        }
    }

    protected void TouchAll()
    {
        ITimerQueue q = _queue;
        TimerNode[] nodes = _work.Nodes;
        int[] order = _work.Order;
        long[] deadlines = _work.TouchDeadlines;
        for (int i = 0; i < order.Length; i++)
        {
            q.Adjust(nodes[order[i]], deadlines[i]);
        }
    }

    // Diagnostic variants: same operations in the order the timers were added. Nodes (allocated
    // in that order) and their list neighbours are then adjacent in memory, so this shows the
    // structure's own cost with the cache-miss cost of a random walk over N nodes taken out.
    protected void CancelAllInOrder()
    {
        ITimerQueue q = _queue;
        TimerNode[] nodes = _work.Nodes;
        for (int i = 0; i < nodes.Length; i++)
        {
            q.Cancel(nodes[i]);
        }
    }

    protected void TouchAllInOrder()
    {
        ITimerQueue q = _queue;
        TimerNode[] nodes = _work.Nodes;
        long[] deadlines = _work.TouchDeadlines;
        for (int i = 0; i < nodes.Length; i++)
        {
            q.Adjust(nodes[i], deadlines[i]);
        }
    }

    protected int ExpireAll()
    {
        int n = _queue.Expire(_work.LastDeadline, _fired);
        if (n != N)
        {
            throw new InvalidOperationException($"expired {n}, expected {N}");
        }

        return n;
    }

    private void Reset(bool fill)
    {
        // A fresh queue per iteration: the wheel's current time must go back to Start. The old one's
        // nodes are drained first so they are not pending anywhere. None of this is measured.
        _queue.DrainTo(_scratch);
        _scratch.Clear();
        _fired.Clear();
        _queue = TimerQueues.Create(Kind, Workload.Start, N);
        if (fill)
        {
            AddAll();
        }
    }
}

public class Timers10K : TimerQueueBenchmarks
{
    private const int Ops = 10_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => AddAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => CancelAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => TouchAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public int Expire() => ExpireAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void CancelInOrder() => CancelAllInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void TouchInOrder() => TouchAllInOrder();
}

public class Timers100K : TimerQueueBenchmarks
{
    private const int Ops = 100_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => AddAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => CancelAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => TouchAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public int Expire() => ExpireAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void CancelInOrder() => CancelAllInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void TouchInOrder() => TouchAllInOrder();
}

public class Timers1M : TimerQueueBenchmarks
{
    private const int Ops = 1_000_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => AddAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => CancelAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => TouchAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public int Expire() => ExpireAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void CancelInOrder() => CancelAllInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void TouchInOrder() => TouchAllInOrder();
}
