using System.Diagnostics;
using AdminServer.Engine;
using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;
using AdminServer.Engine.Metrics;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The console's one reader of the engine. On its own timer (never faster than
/// <see cref="Interval"/>) it copies the engine's state, turns counters into rates, keeps a few
/// minutes of history for the charts and diffs the connection table. The engine never waits
/// for it, and nobody waits on a browser: subscribers are told through <see cref="Updated"/>
/// and must return at once (they hand off to their own dispatcher or send queue).
/// </summary>
public sealed class EngineMonitor(ServerEngine engine, ILogger<EngineMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    /// <summary>The connection table is re-read at least this often (bytes and idle times move), and at once when accepts or closes change.</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan HistorySpan = TimeSpan.FromMinutes(5);
    public const int MaxChangesPerSnapshot = 500;

    private readonly Lock _historyLock = new();
    private readonly Queue<RateSample> _history = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private CounterSnapshot? _lastCounters;
    private TimeSpan _lastAt;
    private TimeSpan _lastTableAt = TimeSpan.MinValue;
    private long _seq;

    /// <summary>The newest snapshot; null until the first tick.</summary>
    public EngineSnapshot? Latest { get; private set; }

    /// <summary>The newest full connection table (immutable; replaced, never changed).</summary>
    public IReadOnlyList<ConnectionInfo> Connections { get; private set; } = [];

    /// <summary>When <see cref="Connections"/> was read.</summary>
    public DateTimeOffset ConnectionsAt { get; private set; }

    public event Action<EngineSnapshot>? Updated;

    public IReadOnlyList<RateSample> History()
    {
        lock (_historyLock) return _history.ToArray();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try { await TickAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Engine snapshot failed; retrying on the next tick");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var state = engine.GetState();
        var now = _clock.Elapsed;
        var changes = ConnectionChanges.None;
        bool tableMoved = _lastCounters is null || state.Counters.Accepts != _lastCounters.Accepts
            || state.Counters.Closes != _lastCounters.Closes || state.Connections != Connections.Count;
        if (tableMoved || now - _lastTableAt >= TableRefresh)
        {
            // Bounded: a stopping loop must not hang the console.
            var table = await engine.GetConnectionsAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            changes = ConnectionDiff.Between(Connections, table, MaxChangesPerSnapshot);
            Connections = table;
            ConnectionsAt = DateTimeOffset.UtcNow;
            _lastTableAt = now;
        }

        var rates = Rates(state.Counters, state.Connections, now - _lastAt, state.At);
        _lastCounters = state.Counters;
        _lastAt = now;
        lock (_historyLock)
        {
            _history.Enqueue(rates);
            while (_history.Count > HistorySpan / Interval) _history.Dequeue();
        }

        var snapshot = new EngineSnapshot(++_seq, state.At, state.Concurrency, state.Trigger, state.OneShot, state.EventModel, state.Workers,
            state.Connections, state.WorkerQueue, state.Counters, rates, changes);
        Latest = snapshot;
        Updated?.Invoke(snapshot);
    }

    private RateSample Rates(CounterSnapshot c, int connections, TimeSpan elapsed, DateTimeOffset at)
    {
        var p = _lastCounters;
        if (p is null || elapsed <= TimeSpan.Zero) return new RateSample(at, connections, 0, 0, 0, 0, 0, 0, 0, 0);
        double s = elapsed.TotalSeconds;
        long waits = c.Waits - p.Waits;
        return new RateSample(at, connections,
            (c.BytesIn - p.BytesIn) / s,
            (c.BytesOut - p.BytesOut) / s,
            waits / s,
            waits > 0 ? (double)(c.Events - p.Events) / waits : 0,
            (c.EagainReads - p.EagainReads) / s,
            (c.Collisions - p.Collisions) / s,
            (c.Accepts - p.Accepts) / s,
            (c.Closes - p.Closes) / s);
    }
}
