using System.Collections.Concurrent;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Threads;

namespace AdminServer.Engine.Workers;

/// <summary>
/// The synchronous half of half-sync/half-async: a fixed set of named threads taking
/// connections from one queue. A worker runs the connection's event model while holding
/// its guard, then hands it back to the owning loop, which alone re-arms or closes it.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly ConcurrentQueue<Connection> _queue = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly EngineThread[] _threads;
    private volatile bool _stopping;

    public WorkerPool(int count)
    {
        _threads = new EngineThread[count];
        for (int i = 0; i < count; i++) _threads[i] = new EngineThread($"adminserver-worker-{i}", "idle", Work);
    }

    public int Count => _threads.Length;

    public int QueueLength => _queue.Count;

    public IReadOnlyList<EngineThread> Threads => _threads;

    public void Start()
    {
        foreach (var t in _threads) t.Start();
    }

    public void Enqueue(Connection c)
    {
        _queue.Enqueue(c);
        _ready.Release();
    }

    public void AddCountersTo(ref CounterSnapshot s)
    {
        foreach (var t in _threads) t.Context.Counters.AddTo(ref s);
    }

    private void Work(EngineThread self)
    {
        while (true)
        {
            self.Role = "idle";
            _ready.Wait();
            if (_stopping) return;
            if (!_queue.TryDequeue(out var c)) continue;
            self.Role = "running service";
            Run(c, self);
        }
    }

    private static void Run(Connection c, EngineThread self)
    {
        var ctx = self.Context;
        // Cleared before the work starts, so readiness reported from now on queues a new dispatch.
        Interlocked.Exchange(ref c.Queued, 0);
        if (!c.Guard.TryEnter(out bool collided))
        {
            ctx.Counters.Collisions++;
            c.Loop.PostWorkDone(c, WorkResult.None);
            return;
        }
        if (collided) ctx.Counters.Collisions++;
        ctx.NowMs = MonotonicClock.NowMs; // once per dispatch, not per read
        var model = c.Loop.ModelFor(c);
        WorkResult result;
        do
        {
            c.Guard.BeginRun();
            result = HolderRun.Once(c, model, ctx);
            ctx.Counters.WorkerRuns++;
        }
        while (c.Guard.ExitAndCheckRerun());
        c.Loop.PostWorkDone(c, result);
    }

    public void Dispose()
    {
        _stopping = true;
        _ready.Release(_threads.Length);
        foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(5));
    }
}
