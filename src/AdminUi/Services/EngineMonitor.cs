using System.Diagnostics;
using AdminServer.Engine;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Threads;
using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The console's one reader of the engine. On its own timer (never faster than <see cref="Interval"/>)
/// it copies the engine's state, turns counters into rates (whole engine, per loop, per thread, with
/// each thread's CPU from /proc), keeps an hour of rate history for the charts (saved to a small file,
/// so a restart keeps it) and diffs the connection table. The engine never waits for it, and nobody
/// waits on a browser: subscribers are told through <see cref="Updated"/> and must return at once
/// (they hand off to their own dispatcher or send queue).
/// </summary>
public sealed class EngineMonitor(ServerEngine engine, ILogger<EngineMonitor> logger, RateHistoryFile? historyFile = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    /// <summary>The connection table is re-read at least this often (bytes and idle times move), and at once when accepts or closes change.</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(1);
    /// <summary>What the hub's GetHistory returns; the console's charts reach back <see cref="RateHistory.Span"/>.</summary>
    public static readonly TimeSpan HubHistorySpan = TimeSpan.FromMinutes(5);
    /// <summary>How often the history file is rewritten (and once more on a clean stop).</summary>
    public static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(10);
    /// <summary>A tick this soon after the previous one (a timer catching up) is folded into the next: a rate over 2 ms is noise.</summary>
    private static readonly TimeSpan ShortestSample = Interval / 2;
    public const int MaxChangesPerSnapshot = 500;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private CounterSnapshot? _lastCounters;
    private TimeSpan _lastAt;
    private TimeSpan _lastTableAt = TimeSpan.MinValue;
    private TimeSpan _lastSaveAt;
    private Dictionary<int, LoopInfo> _lastLoops = [];
    private Dictionary<string, (EngineThreadInfo Info, double? Cpu)> _lastThreads = [];
    private long _seq;

    public RateHistory Rates { get; } = new(Interval);

    /// <summary>The newest snapshot; null until the first tick.</summary>
    public EngineSnapshot? Latest { get; private set; }

    /// <summary>The engine's full state as of the newest snapshot (listeners, loops, idle timeout, timer…); null until the first tick.</summary>
    public EngineState? State { get; private set; }

    /// <summary>Every engine thread with its role, CPU and rates over the last interval.</summary>
    public IReadOnlyList<ThreadSample> Threads { get; private set; } = [];

    /// <summary>Every loop with its rates over the last interval.</summary>
    public IReadOnlyList<LoopSample> Loops { get; private set; } = [];

    /// <summary>The newest full connection table (immutable; replaced, never changed).</summary>
    public IReadOnlyList<ConnectionInfo> Connections { get; private set; } = [];

    /// <summary>When <see cref="Connections"/> was read.</summary>
    public DateTimeOffset ConnectionsAt { get; private set; }

    public event Action<EngineSnapshot>? Updated;

    /// <summary>The hub's history: the last <see cref="HubHistorySpan"/> of samples, oldest first.</summary>
    public IReadOnlyList<RateSample> History() => Rates.Since(DateTimeOffset.UtcNow - HubHistorySpan);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (historyFile is not null) Rates.Restore(historyFile.Load(), DateTimeOffset.UtcNow);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        historyFile?.Save(Rates.All());
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
                if (historyFile is not null && _clock.Elapsed - _lastSaveAt >= SaveEvery)
                {
                    _lastSaveAt = _clock.Elapsed;
                    historyFile.Save(Rates.All());
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var state = engine.GetState();
        var threads = engine.GetThreads();
        var cpu = threads.Select(t => ThreadCpu.Seconds(t.Tid)).ToArray(); // right after the counters, so both cover the same span
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

        var elapsed = now - _lastAt;
        RateSample rates;
        if (_lastCounters is null || elapsed >= ShortestSample)
        {
            double seconds = elapsed.TotalSeconds;
            rates = _lastCounters is null ? RateSample.Idle(state.At) with { Connections = state.Connections }
                : RateSample.Between(_lastCounters, state.Counters, seconds, state.Connections, state.At);
            if (_lastCounters is not null) Rates.Add(rates);
            Loops = state.Loops.Select(l => LoopSample.Between(_lastLoops.GetValueOrDefault(l.Index), l, seconds)).ToArray();
            Threads = threads.Select((t, i) => _lastThreads.TryGetValue(t.Name, out var p)
                ? ThreadSample.Between(p.Info, p.Cpu, t, cpu[i], seconds)
                : ThreadSample.Between(null, null, t, cpu[i], seconds)).ToArray();
            _lastCounters = state.Counters;
            _lastLoops = state.Loops.ToDictionary(l => l.Index);
            _lastThreads = threads.Select((t, i) => (t, cpu[i])).ToDictionary(x => x.t.Name, x => (x.t, x.Item2));
            _lastAt = now;
        }
        else rates = Latest?.Rates ?? RateSample.Idle(state.At);

        State = state;
        var snapshot = new EngineSnapshot(++_seq, state.At, state.Concurrency, state.Poller, state.Trigger, state.OneShot, state.EventModel, state.Workers,
            state.Connections, state.WorkerQueue, state.Counters, rates, changes);
        Latest = snapshot;
        Updated?.Invoke(snapshot);
    }
}
