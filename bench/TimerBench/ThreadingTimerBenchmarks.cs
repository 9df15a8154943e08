using BenchmarkDotNet.Attributes;

namespace AdminServer.Engine.Timers.Bench;

/// <summary>
/// Baseline: what a C# developer would reach for, one System.Threading.Timer per connection.
/// Add = new Timer(...), Touch = Change(...), Cancel = Dispose(). Due times are hours away so
/// nothing fires during the run. Expire has no equivalent (the runtime fires timers itself on the
/// thread pool), so it is not measured. Each invocation performs N operations like the queue
/// benchmarks.
/// </summary>
[Config(typeof(BenchConfig))]
public abstract class ThreadingTimerBenchmarks
{
    private static readonly TimerCallback Callback = static _ => { };

    private Timer?[] _timers = null!;
    private int[] _order = null!;

    protected abstract int N { get; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _timers = new Timer?[N];
        _order = Enumerable.Range(0, N).ToArray();
        new Random(42).Shuffle(_order);
    }

    [IterationSetup(Target = "Add")]
    public void SetupEmpty() => DisposeAll();

    [IterationSetup(Targets = ["Cancel", "Touch"])]
    public void SetupFull()
    {
        DisposeAll();
        CreateAll();
    }

    [GlobalCleanup]
    public void GlobalCleanup() => DisposeAll();

    protected void CreateAll()
    {
        Timer?[] timers = _timers;
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new Timer(Callback, null, 3_600_000 + i, Timeout.Infinite);
        }
    }

    protected void ChangeAll()
    {
        Timer?[] timers = _timers;
        int[] order = _order;
        for (int i = 0; i < order.Length; i++)
        {
            timers[order[i]]!.Change(7_200_000 + i, Timeout.Infinite);
        }
    }

    protected void DisposeInOrder()
    {
        Timer?[] timers = _timers;
        int[] order = _order;
        for (int i = 0; i < order.Length; i++)
        {
            timers[order[i]]!.Dispose();
        }
    }

    private void DisposeAll()
    {
        for (int i = 0; i < _timers.Length; i++)
        {
            _timers[i]?.Dispose();
            _timers[i] = null;
        }
    }
}

public class ThreadingTimer10K : ThreadingTimerBenchmarks
{
    private const int Ops = 10_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => CreateAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => DisposeInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => ChangeAll();
}

public class ThreadingTimer100K : ThreadingTimerBenchmarks
{
    private const int Ops = 100_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => CreateAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => DisposeInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => ChangeAll();
}

public class ThreadingTimer1M : ThreadingTimerBenchmarks
{
    private const int Ops = 1_000_000;

    protected override int N => Ops;

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Add() => CreateAll();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Cancel() => DisposeInOrder();

    [Benchmark(OperationsPerInvoke = Ops)]
    public void Touch() => ChangeAll();
}
