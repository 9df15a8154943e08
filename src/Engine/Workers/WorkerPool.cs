using System.Collections.Concurrent;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;

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
    private readonly Thread[] _threads;
    private readonly WorkerContext[] _contexts;
    private volatile bool _stopping;

    public WorkerPool(int count, int readBudgetBytes)
    {
        _threads = new Thread[count];
        _contexts = new WorkerContext[count];
        for (int i = 0; i < count; i++)
        {
            var ctx = _contexts[i] = new WorkerContext(readBudgetBytes);
            _threads[i] = new Thread(() => Work(ctx)) { Name = $"adminserver-worker-{i}", IsBackground = true };
        }
    }

    public int Count => _threads.Length;

    public int QueueLength => _queue.Count;

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
        foreach (var c in _contexts) c.Counters.AddTo(ref s);
    }

    private void Work(WorkerContext ctx)
    {
        while (true)
        {
            _ready.Wait();
            if (_stopping) return;
            if (_queue.TryDequeue(out var c)) Run(c, ctx);
        }
    }

    private static void Run(Connection c, WorkerContext ctx)
    {
        // Cleared before the work starts, so readiness reported from now on queues a new dispatch.
        Interlocked.Exchange(ref c.Queued, 0);
        if (!c.Guard.TryEnter(out bool collided))
        {
            ctx.Counters.Collisions++;
            c.Loop.PostWorkDone(c, WorkResult.None);
            return;
        }
        if (collided) ctx.Counters.Collisions++;
        var model = c.Loop.ModelFor(c);
        WorkResult result;
        do
        {
            c.Guard.BeginRun();
            try
            {
                result = model.Run(c, ctx) with { Seq = ++c.Seq };
            }
            catch (Exception ex)
            {
                // A faulty service closes its own connection, never the worker.
                c.WorkerCloseReason ??= $"service error: {ex.GetType().Name}";
                result = new WorkResult(++c.Seq, false, false, c.WorkerCloseReason);
            }
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
