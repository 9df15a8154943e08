using BenchmarkDotNet.Attributes;

namespace AdminServer.Engine.Timers.Bench;

/// <summary>
/// The unfriendly case for the heap: adding 10 000 timers with uniformly random deadlines (mixed
/// durations) on top of N pending random-deadline timers, so sift-up does real work. The sorted
/// list is left out on purpose: with random deadlines its insertion is O(n) by design (an
/// estimated ~10^10 node visits per invocation at 10^6).
/// </summary>
[Config(typeof(BenchConfig))]
public class RandomDeadlineBenchmarks
{
    private const int Ops = 10_000;

    private TimerNode[] _background = null!;
    private long[] _backgroundDeadlines = null!;
    private TimerNode[] _extra = null!;
    private long[] _extraDeadlines = null!;
    private ITimerQueue _queue = null!;
    private readonly List<TimerNode> _scratch = [];

    [Params(TimerKind.Wheel, TimerKind.Heap)]
    public TimerKind Kind { get; set; }

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        var rng = new Random(7);
        _background = new TimerNode[N];
        _backgroundDeadlines = new long[N];
        for (int i = 0; i < N; i++)
        {
            _background[i] = new TimerNode(i);
            _backgroundDeadlines[i] = Workload.Start + rng.NextInt64(1, 2 * Workload.Timeout);
        }

        _extra = new TimerNode[Ops];
        _extraDeadlines = new long[Ops];
        for (int i = 0; i < Ops; i++)
        {
            _extra[i] = new TimerNode(-i);
            _extraDeadlines[i] = Workload.Start + rng.NextInt64(1, 2 * Workload.Timeout);
        }

        _queue = TimerQueues.Create(Kind, Workload.Start, N + Ops);
    }

    [IterationSetup]
    public void Setup()
    {
        _queue.DrainTo(_scratch);
        _scratch.Clear();
        _queue = TimerQueues.Create(Kind, Workload.Start, N + Ops);
        for (int i = 0; i < N; i++)
        {
            _queue.Add(_background[i], _backgroundDeadlines[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Ops)]
    public void AddRandom()
    {
        ITimerQueue q = _queue;
        for (int i = 0; i < _extra.Length; i++)
        {
            q.Add(_extra[i], _extraDeadlines[i]);
        }
    }
}
