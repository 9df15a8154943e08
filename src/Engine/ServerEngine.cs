using System.Diagnostics;
using System.Net;
using AdminServer.Engine.Concurrency;
using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;
using AdminServer.Engine.Services.Http;
using AdminServer.Engine.Signals;
using AdminServer.Engine.Threads;
using AdminServer.Engine.Timers;
using AdminServer.Engine.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.Engine;

/// <summary>
/// The engine as its host sees it: N event loops (each a demultiplexer and a thread), a worker pool
/// and a set of leader/follower threads, arranged by the concurrency pattern in force. Every method
/// is safe from any thread: requests become commands on the loops, and answers are snapshots the
/// loops copied out. Switches and reloads are serialized, one at a time.
/// </summary>
public sealed class ServerEngine : IAsyncDisposable
{
    private readonly EngineRuntime _runtime;
    private readonly WorkerPool _workers;
    private readonly EventLoop[] _loops;
    private readonly EngineMeter _meter;
    // Copy-on-write: replaced whole under the apply lock, read from any thread.
    private volatile IReadOnlyDictionary<string, Acceptor> _acceptors = new Dictionary<string, Acceptor>();
    private EngineOptions _current;
    private IReadOnlyList<ListenerInfo> _listeners = [];
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private bool _started;
    private bool _disposed;
    private readonly int _fdsAtStart;
    private HttpService? _http;
    private HttpOptions? _httpOptions;
    private volatile bool _draining;

    public ServerEngine(EngineOptions options, ILogger? logger = null, HttpOptions? http = null)
    {
        FdLimit = Native.FdLimit.RaiseToHard();
        _fdsAtStart = Native.FdLimit.InUse();
        var errors = options.Validate(ServiceCatalog.Names, FdLimit, _fdsAtStart).Concat(ValidateHttp(options, http)).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        if (UsesHttp(options)) _http = new HttpService(http ?? new HttpOptions());
        _httpOptions = http;
        _current = options;
        logger ??= NullLogger.Instance;
        _workers = new WorkerPool(options.EffectiveWorkers);
        _runtime = new EngineRuntime(options, options.EffectiveMaxConnections(FdLimit, _fdsAtStart), _workers, logger);
        _loops = new EventLoop[options.EffectiveLoops];
        for (int i = 0; i < _loops.Length; i++) _loops[i] = new EventLoop(i, options, _runtime, logger);
        _runtime.Loops = _loops;
        _meter = new EngineMeter(GetState, GetHttpStats);
    }

    /// <summary>RLIMIT_NOFILE after raising the soft limit to the hard one at start.</summary>
    public int FdLimit { get; }

    public IReadOnlyList<ListenerInfo> Listeners => _listeners;

    private EventLoop Loop0 => _loops[0];

    private int Connections => _loops.Sum(l => l.ConnectionCount);

    /// <summary>Starts the threads and binds every configured listener; a bind failure is thrown.</summary>
    public async Task StartAsync()
    {
        if (_started) throw new InvalidOperationException("the engine is already started");
        _started = true;
        _workers.Start();
        foreach (var loop in _loops) loop.Start();
        Loop0.CreateFollowers(_current.EffectiveWorkers);
        if (_current.Concurrency == ConcurrencyKind.LeaderFollower) await Loop0.StartFollowersAsync();
        var bound = new List<ListenerInfo>();
        foreach (var l in _current.Listeners) bound.Add(await AddListenerAsync(l, Bind(l)));
        _listeners = bound;
    }

    private int Bind(ListenerOptions l) => Sockets.Listen(new IPEndPoint(IPAddress.Parse(l.Address), l.Port), _current.Backlog);

    private static bool UsesHttp(EngineOptions options) => options.Listeners.Any(l => l.Service.Equals("http", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> ValidateHttp(EngineOptions options, HttpOptions? http) =>
        UsesHttp(options) ? (http ?? new HttpOptions()).Validate() : [];

    /// <summary>Every problem with a configuration, each naming its key (the checks the constructor and a reload make, minus the fd limit).</summary>
    public static IReadOnlyList<string> Validate(EngineOptions options, HttpOptions? http) =>
        [.. options.Validate(ServiceCatalog.Names), .. ValidateHttp(options, http)];

    private IService ServiceFor(string name) =>
        name.Equals("http", StringComparison.OrdinalIgnoreCase) ? _http ??= new HttpService(_httpOptions ?? new HttpOptions()) : ServiceCatalog.Get(name);

    /// <summary>The HTTP service's counters and request durations; null when no listener serves HTTP.</summary>
    public HttpStatsSnapshot? GetHttpStats() => _http?.Snapshot();

    /// <summary>The directory the HTTP service serves (its real path), or null.</summary>
    public string? HttpRoot => _http?.Root;

    private async Task<ListenerInfo> AddListenerAsync(ListenerOptions l, int fd)
    {
        var acceptor = await Loop0.AddListenerAsync(l.Name, ServiceFor(l.Service), fd);
        _acceptors = new Dictionary<string, Acceptor>(_acceptors) { [l.Name] = acceptor };
        var ep = acceptor.LocalEndPoint;
        return new ListenerInfo(l.Name, l.Service, ep.ToString(), ep.Port);
    }

    /// <summary>
    /// Applies a new, already validated configuration at runtime (SIGHUP / reload): listeners
    /// added and removed, pattern, trigger / ONESHOT / model, buffer limits. New listeners are bound before
    /// anything changes, so a bind failure leaves the running configuration exactly as it was.
    /// Returns one line per change made (or not possible without a restart).
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(EngineOptions next, HttpOptions? http = null)
    {
        var errors = next.Validate(ServiceCatalog.Names, FdLimit, _fdsAtStart).Concat(ValidateHttp(next, http)).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        await _applyLock.WaitAsync();
        try
        {
            var changes = new List<string>();
            var prev = _current;
            if (http is not null)
            {
                _httpOptions = http;
                if (_http is not null)
                {
                    var was = _http.Options;
                    if (was.Root != http.Root || was.MaxBodyBytes != http.MaxBodyBytes || was.KeepAliveSeconds != http.KeepAliveSeconds
                        || was.RequestTimeoutSeconds != http.RequestTimeoutSeconds)
                        changes.Add($"Http: root {http.Root}, max body {http.MaxBodyBytes} B, keep-alive {http.KeepAliveSeconds} s, request timeout {http.RequestTimeoutSeconds} s");
                    _http.Apply(http);
                }
            }
            int BoundPort(ListenerOptions p) => _listeners.FirstOrDefault(l => l.Name == p.Name)?.Port ?? p.Port;
            // Port 0 means "any free port": the listener already bound for it is kept as it is.
            bool Same(ListenerOptions p, ListenerOptions n) => p.Name == n.Name && p.Service == n.Service && p.Address == n.Address
                && (n.Port == 0 || n.Port == BoundPort(p));
            var removed = prev.Listeners.Where(p => !next.Listeners.Any(n => Same(p, n))).ToList();
            var added = next.Listeners.Where(n => !prev.Listeners.Any(p => Same(p, n))).ToList();
            // Endpoints still held by a listener being removed can only be bound after it closes.
            bool Reuses(ListenerOptions n) => n.Port != 0 && removed.Any(r => r.Address == n.Address && BoundPort(r) == n.Port);

            var boundNow = new List<(ListenerOptions Options, int Fd)>();
            try
            {
                foreach (var n in added.Where(n => !Reuses(n))) boundNow.Add((n, Bind(n)));
            }
            catch
            {
                foreach (var (_, fd) in boundNow) LibC.Close(fd);
                throw;
            }

            var listeners = _listeners.ToList();
            foreach (var r in removed)
            {
                await Loop0.RemoveListenerAsync(r.Name);
                _acceptors = _acceptors.Where(a => a.Key != r.Name).ToDictionary();
                listeners.RemoveAll(l => l.Name == r.Name);
                changes.Add($"listener {r.Name} ({r.Service}) on {r.Address}:{r.Port} removed");
            }
            foreach (var (n, fd) in boundNow) listeners.Add(await AddListenerAsync(n, fd));
            foreach (var n in added.Where(Reuses)) listeners.Add(await AddListenerAsync(n, Bind(n)));
            foreach (var n in added) changes.Add($"listener {n.Name} ({n.Service}) on {listeners.Single(l => l.Name == n.Name).EndPoint} added");
            _listeners = listeners;

            var before = CurrentSettings();
            var r2 = await SwitchCoreAsync(new ModeChange(next.Trigger, next.OneShot, next.EventModel, next.Concurrency, next.Poller));
            if (r2.Concurrency != before.Pattern)
                changes.Add($"concurrency {before.Pattern} -> {r2.Concurrency} ({r2.MovedConnections} connections moved)");
            if (r2.Poller != before.Poller) changes.Add($"poller {before.Poller} -> {r2.Poller} ({r2.ReregisteredFds} fds re-registered)");
            if (r2.Mode != before.Mode) changes.Add($"mode {before.Mode} -> {r2.Mode} ({r2.RearmedFds} fds re-armed)");
            if (next.Timer != Loop0.TimerKind)
            {
                var t = await ChangeTimerCoreAsync(next.Timer);
                changes.Add($"timer {prev.Timer} -> {t.Kind} ({t.Moved} timers moved)");
            }
            if (next.IdleTimeoutSeconds != prev.IdleTimeoutSeconds) changes.Add($"IdleTimeoutSeconds {prev.IdleTimeoutSeconds} -> {next.IdleTimeoutSeconds}");
            if (next.ReadBudgetBytes != prev.ReadBudgetBytes) changes.Add($"ReadBudgetBytes {prev.ReadBudgetBytes} -> {next.ReadBudgetBytes}");
            if (next.MaxPendingBytes != prev.MaxPendingBytes) changes.Add($"MaxPendingBytes {prev.MaxPendingBytes} -> {next.MaxPendingBytes}");
            if (next.MaxPendingBytesTotal != prev.MaxPendingBytesTotal) changes.Add($"MaxPendingBytesTotal {prev.MaxPendingBytesTotal} -> {next.MaxPendingBytesTotal}");
            int prevMax = _runtime.Limit.Max, nextMax = next.EffectiveMaxConnections(FdLimit, _fdsAtStart);
            if (nextMax != prevMax) changes.Add($"MaxConnections {prevMax} -> {nextMax} (open connections above it stay open)");
            if (next.Backlog != prev.Backlog) changes.Add($"Backlog {prev.Backlog} -> {next.Backlog} (for listeners bound from now on)");
            if (next.EffectiveWorkers != prev.EffectiveWorkers)
                changes.Add($"Workers {prev.EffectiveWorkers} -> {next.EffectiveWorkers} not applied: the pool is fixed at start (restart to change it)");
            if (next.EffectiveLoops != prev.EffectiveLoops)
                changes.Add($"Loops {prev.EffectiveLoops} -> {next.EffectiveLoops} not applied: the loops are fixed at start (restart to change them)");
            _runtime.Pending.Limit = next.MaxPendingBytesTotal;
            _runtime.Limit.Max = nextMax;
            foreach (var loop in _loops) await loop.UpdateOptionsAsync(next);
            _current = next;
            return changes;
        }
        finally
        {
            _applyLock.Release();
        }
    }

    /// <summary>
    /// Starts the unified signal source: each listed signal (number → replace the default action)
    /// is delivered to <paramref name="handler"/> on loop 0's thread (the leader's, under leader/follower).
    /// </summary>
    public async Task<UnifiedSignalSource> StartSignalSourceAsync(IReadOnlyDictionary<int, bool> signals, Action<int> handler)
    {
        var source = new UnifiedSignalSource(handler);
        await Loop0.WatchAsync(source.ReadFd, source.OnReadable);
        foreach (var (signal, replaceDefault) in signals) source.Add(signal, replaceDefault);
        return source;
    }

    /// <summary>
    /// Hands the sorted list's tick to SIGALRM (its classic form): the host's signal source must
    /// deliver SIGALRM and call <see cref="OnAlarm"/> from its handler, which runs on loop 0.
    /// </summary>
    public async Task UseAlarmTicksAsync()
    {
        foreach (var loop in _loops) await loop.UseAlarmTicksAsync();
    }

    /// <summary>Call from the unified signal source's handler (loop 0) on SIGALRM: ticks every loop's list.</summary>
    public void OnAlarm()
    {
        Loop0.OnAlarm();
        foreach (var loop in _loops.Skip(1)) loop.Post(loop.OnAlarm);
    }

    /// <summary>Graceful stop: stop accepting, let quiet connections close, force the rest after <paramref name="grace"/>.</summary>
    public Task DrainAsync(TimeSpan grace)
    {
        _draining = true;
        return Task.WhenAll(_loops.Select(l => l.DrainAsync(grace)));
    }

    public EngineOptions CurrentOptions => _current;

    /// <summary>The pattern, mode and poller in force (loop 0's; every loop has the same once a switch completes).</summary>
    private EngineSettings CurrentSettings() => new(_runtime.Pattern.Kind, Loop0.Mode, Loop0.Poller);

    public EngineState GetState()
    {
        var mode = Loop0.Mode;
        var listeners = _listeners.Select(Describe).ToArray();
        var loops = _loops.Select(DescribeLoop).ToArray();
        return new EngineState(_runtime.Pattern.Kind, Loop0.Poller.ToString(), mode.Trigger, mode.OneShot, mode.Model, Loop0.TimerKind,
            _current.IdleTimeoutSeconds, _workers.Count, Connections, _runtime.Limit.Max, _workers.QueueLength, _runtime.Pending.Total,
            listeners, loops, ReadCounters(), DateTimeOffset.UtcNow) { Http = _http?.Snapshot() };
    }

    private ListenerInfo Describe(ListenerInfo l)
    {
        if (!_acceptors.TryGetValue(l.Name, out var a)) return l;
        var latency = a.Stats.Latency.Snapshot();
        return l with
        {
            Accepts = Volatile.Read(ref a.Stats.Accepts),
            RefusedConnections = Volatile.Read(ref a.Stats.Refused),
            AcceptErrors = Volatile.Read(ref a.Stats.AcceptErrors),
            OpenConnections = a.Stats.Open,
            ClosedBytesIn = a.Stats.ClosedBytesIn,
            ClosedBytesOut = a.Stats.ClosedBytesOut,
            State = a.Stats.Draining ? "draining" : a.Stats.Enabled ? "enabled" : "disabled",
            LatencyP50Micros = latency.Quantile(0.5),
            LatencyP99Micros = latency.Quantile(0.99),
        };
    }

    /// <summary>Each listener's service latency histogram (for /metrics), by listener name.</summary>
    public IReadOnlyDictionary<string, LatencySnapshot> GetLatency() =>
        _acceptors.ToDictionary(a => a.Key, a => a.Value.Stats.Latency.Snapshot());

    /// <summary>
    /// Disables a listener (new connections are accepted and closed at once, open ones go on), enables it
    /// again, or drains it (disables it, then closes its connections as they go quiet). Null if there is no such listener.
    /// </summary>
    public ListenerInfo? ChangeListener(string name, ListenerAction action)
    {
        var info = _listeners.FirstOrDefault(l => l.Name == name);
        if (info is null || !_acceptors.TryGetValue(name, out var a)) return null;
        lock (a.Stats)
        {
            bool wasDraining = a.Stats.Draining;
            a.Stats.Enabled = action == ListenerAction.Enable;
            a.Stats.Draining = action == ListenerAction.Drain && a.Stats.Open > 0;
            if (a.Stats.Draining && !wasDraining) _runtime.ListenerDrainStarted();
            if (!a.Stats.Draining && wasDraining) _runtime.ListenerDrainEnded();
        }
        if (a.Stats.Draining)
        {
            foreach (var loop in _loops) loop.Post(static () => { }); // wake sleeping loops: they look for quiet connections every 50 ms while draining
            _ = EndDrainWhenEmptyAsync(a);
        }
        return Describe(info);
    }

    private async Task EndDrainWhenEmptyAsync(Acceptor a)
    {
        while (a.Stats.Draining && a.Stats.Open > 0) await Task.Delay(50);
        lock (a.Stats)
        {
            if (!a.Stats.Draining) return;
            a.Stats.Draining = false; // drained: stays disabled until enabled
            _runtime.ListenerDrainEnded();
        }
    }

    private LoopInfo DescribeLoop(EventLoop loop)
    {
        var s = new CounterSnapshot();
        loop.OwnThread.Context.Counters.AddTo(ref s);
        foreach (var f in loop.Followers) f.Context.Counters.AddTo(ref s);
        bool followers = loop.Index == 0 && _runtime.Pattern.Kind == ConcurrencyKind.LeaderFollower;
        IReadOnlyList<string> threads = followers ? loop.Followers.Select(f => f.Name).ToArray() : [loop.Name];
        return new LoopInfo(loop.Index, loop.Name, loop.Poller.ToString(), threads, loop.ConnectionCount, s);
    }

    /// <summary>
    /// Readiness: each loop runs a no-op command and the time it took to come back is reported (null when it
    /// did not within <paramref name="timeout"/>: that loop is stuck). Posting wakes a sleeping loop, so an idle
    /// loop answers as fast as a busy one; this is a liveness proof, not a clock of the last event.
    /// </summary>
    public async Task<IReadOnlyList<double?>> ProbeLoopsAsync(TimeSpan timeout)
    {
        var probes = _loops.Select(async loop =>
        {
            var clock = Stopwatch.StartNew();
            var turned = loop.InvokeAsync(() => true);
            return await Task.WhenAny(turned, Task.Delay(timeout)) == turned ? clock.Elapsed.TotalMilliseconds : (double?)null;
        });
        return await Task.WhenAll(probes);
    }

    /// <summary>True while a graceful stop (SIGTERM/SIGINT) is draining the connections.</summary>
    public bool Draining => _draining;

    /// <summary>Every engine thread: loops, leader/follower threads and workers, with their role now and what they handled.</summary>
    public IReadOnlyList<EngineThreadInfo> GetThreads() =>
        [.. _loops.Select(l => l.OwnThread.Describe()), .. Loop0.Followers.Select(f => f.Describe()), .. _workers.Threads.Select(w => w.Describe())];

    /// <summary>
    /// Applies a trigger / ONESHOT / model / pattern change to every live connection; completes once all of
    /// them run in the new arrangement. A combination that makes no sense throws <see cref="ModeConflictException"/>, changing nothing.
    /// </summary>
    public async Task<ModeSwitchResult> ChangeModeAsync(ModeChange change)
    {
        await _applyLock.WaitAsync();
        try { return await SwitchCoreAsync(change); }
        finally { _applyLock.Release(); }
    }

    private async Task<ModeSwitchResult> SwitchCoreAsync(ModeChange change)
    {
        var clock = Stopwatch.StartNew();
        var from = CurrentSettings();
        var to = new EngineSettings(change.Concurrency ?? from.Pattern, change.ApplyTo(from.Mode), change.Poller ?? from.Poller);
        if (SettingRules.Conflict(to.Pattern, to.Mode, to.Poller) is { } reason) throw new ModeConflictException(reason);
        if (to.Poller == PollerKind.Select && from.Poller != PollerKind.Select)
        {
            var beyond = await Task.WhenAll(_loops.Select(l => l.InvokeAsync(() => l.FdsBeyond(Consts.FD_SETSIZE - 1))));
            if (beyond.Sum() > 0)
                throw new ModeConflictException($"{beyond.Sum()} open fds are {Consts.FD_SETSIZE} or above, and select's fd_set holds fds 0-{Consts.FD_SETSIZE - 1} only. " +
                                                "Close connections (or use Poll, which has no such limit) and try again.");
        }

        // Pattern, mode and poller change one after the other, in an order that keeps every
        // intermediate combination sensible (Proactor needs HalfSyncHalfAsync first; poll needs LT first…).
        int moved = 0, rearmed = 0, waited = 0, reregistered = 0;
        var now = from;
        foreach (var step in EngineSettings.Order(from, to))
        {
            switch (step)
            {
                case EngineSettings.Step.Pattern when now.Pattern != to.Pattern:
                    moved = await SwitchPatternAsync(to.Pattern);
                    now = now with { Pattern = to.Pattern };
                    break;
                case EngineSettings.Step.Mode when now.Mode != to.Mode || _loops.Any(l => l.Mode != to.Mode):
                    var m = await SwitchModeOnEveryLoopAsync(to.Mode);
                    (rearmed, waited) = (m.RearmedFds, m.WaitedForWorkers);
                    now = now with { Mode = to.Mode };
                    break;
                case EngineSettings.Step.Poller when now.Poller != to.Poller:
                    reregistered = (await Task.WhenAll(_loops.Select(l => l.SwitchPollerAsync(to.Poller)))).Sum();
                    now = now with { Poller = to.Poller };
                    break;
            }
        }
        return new ModeSwitchResult(to.Mode, rearmed, waited, clock.Elapsed.TotalMilliseconds)
        {
            Concurrency = _runtime.Pattern.Kind,
            MovedConnections = moved,
            Poller = Loop0.Poller,
            ReregisteredFds = reregistered,
        };
    }

    private async Task<ModeSwitchResult> SwitchModeOnEveryLoopAsync(ConnectionMode mode)
    {
        var results = await Task.WhenAll(_loops.Select(l => l.SwitchModeAsync(mode)));
        return new ModeSwitchResult(mode, results.Sum(r => r.RearmedFds), results.Sum(r => r.WaitedForWorkers), results.Max(r => r.ElapsedMs));
    }

    private async Task<int> SwitchPatternAsync(ConcurrencyKind kind)
    {
        var old = _runtime.Pattern;
        if (old.Kind == kind) return 0;
        var pattern = ConcurrencyPatterns.Create(kind);
        if (old.Kind == ConcurrencyKind.LeaderFollower) await Loop0.StopFollowersAsync();
        _runtime.Pattern = pattern;
        var moves = await Task.WhenAll(_loops.Select(l => l.SwitchPatternAsync(pattern)));
        if (kind == ConcurrencyKind.LeaderFollower) await Loop0.StartFollowersAsync();
        return moves.Sum(m => m.Moved);
    }

    /// <summary>Moves every pending idle timer into a structure of another kind; none is lost or fired early.</summary>
    public async Task<TimerSwitchResult> ChangeTimerAsync(TimerKind kind)
    {
        await _applyLock.WaitAsync();
        try { return await ChangeTimerCoreAsync(kind); }
        finally { _applyLock.Release(); }
    }

    private async Task<TimerSwitchResult> ChangeTimerCoreAsync(TimerKind kind)
    {
        var results = await Task.WhenAll(_loops.Select(l => l.SwitchTimersAsync(kind)));
        return new TimerSwitchResult(kind, results.Sum(r => r.Moved), results.Max(r => r.ElapsedMs));
    }

    /// <summary>
    /// One loop's timer structure, bounded to <paramref name="maxNodes"/> nodes and copied out by that loop:
    /// <paramref name="loop"/>, or by default the loop holding the most timers. <see cref="TimerShape.TotalCount"/> counts every loop's.
    /// </summary>
    public async Task<TimerShape> GetTimersAsync(int maxNodes = 256, int? loop = null)
    {
        var counts = await Task.WhenAll(_loops.Select(l => l.InvokeAsync(() => l.TimerCount)));
        int index = loop ?? Array.IndexOf(counts, counts.Max());
        if (index < 0 || index >= _loops.Length) throw new ArgumentOutOfRangeException(nameof(loop), $"there are {_loops.Length} loops (0-{_loops.Length - 1})");
        var shape = await _loops[index].SnapshotTimersAsync(maxNodes);
        return shape with { Loop = index, TotalCount = counts.Sum(), LoopCounts = counts };
    }

    public async Task<IReadOnlyList<ConnectionInfo>> GetConnectionsAsync()
    {
        var perLoop = await Task.WhenAll(_loops.Select(l => l.InvokeAsync(l.SnapshotConnections)));
        return perLoop.Length == 1 ? perLoop[0] : perLoop.SelectMany(r => r).ToArray();
    }

    public IReadOnlyList<ClosedConnectionInfo> RecentlyClosed => _runtime.Closed.Snapshot();

    /// <summary>Closes one connection (after any thread holding it lets go); false if no such live connection.</summary>
    public async Task<bool> CloseConnectionAsync(long id, string reason = "closed by admin")
    {
        var found = await Task.WhenAll(_loops.Select(l => l.InvokeAsync(() => l.CloseById(id, reason))));
        return found.Any(f => f);
    }

    private CounterSnapshot ReadCounters()
    {
        var s = new CounterSnapshot();
        foreach (var loop in _loops)
        {
            loop.OwnThread.Context.Counters.AddTo(ref s);
            foreach (var f in loop.Followers) f.Context.Counters.AddTo(ref s);
        }
        _workers.AddCountersTo(ref s);
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_started)
        {
            var stopped = Task.WhenAll(_loops.Select(l => l.StopAsync()));
            await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(10)));
        }
        _workers.Dispose();
        foreach (var loop in _loops) loop.Dispose();
        _meter.Dispose();
    }
}
