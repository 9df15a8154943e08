using System.Net;
using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Native;
using AdminServer.Engine.Services;
using AdminServer.Engine.Signals;
using AdminServer.Engine.Timers;
using AdminServer.Engine.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.Engine;

/// <summary>
/// The engine as its host sees it: one reactor loop (the asynchronous half) and a worker
/// pool (the synchronous half). Every method is safe from any thread: requests become
/// commands on the loop, and answers are snapshots the loop copied out.
/// </summary>
public sealed class ServerEngine : IAsyncDisposable
{
    private readonly WorkerPool _workers;
    private readonly EventLoop _loop;
    private readonly EngineMeter _meter;
    private EngineOptions _current;
    private IReadOnlyList<ListenerInfo> _listeners = [];
    private readonly SemaphoreSlim _applyLock = new(1, 1);
    private bool _started;
    private bool _disposed;

    public ServerEngine(EngineOptions options, ILogger? logger = null)
    {
        var errors = options.Validate(ServiceCatalog.Names);
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        _current = options;
        _workers = new WorkerPool(options.EffectiveWorkers, options.ReadBudgetBytes);
        _loop = new EventLoop("adminserver-loop-0", options, _workers, logger ?? NullLogger.Instance);
        _meter = new EngineMeter(ReadCounters, () => _loop.ConnectionCount);
    }

    public IReadOnlyList<ListenerInfo> Listeners => _listeners;

    /// <summary>Starts the threads and binds every configured listener; a bind failure is thrown.</summary>
    public async Task StartAsync()
    {
        if (_started) throw new InvalidOperationException("the engine is already started");
        _started = true;
        _workers.Start();
        _loop.Start();
        var bound = new List<ListenerInfo>();
        foreach (var l in _current.Listeners) bound.Add(await AddListenerAsync(l, Bind(l)));
        _listeners = bound;
    }

    private int Bind(ListenerOptions l) => Sockets.Listen(new IPEndPoint(IPAddress.Parse(l.Address), l.Port), _current.Backlog);

    private async Task<ListenerInfo> AddListenerAsync(ListenerOptions l, int fd)
    {
        var ep = await _loop.AddListenerAsync(l.Name, ServiceCatalog.Get(l.Service), fd);
        return new ListenerInfo(l.Name, l.Service, ep.ToString(), ep.Port);
    }

    /// <summary>
    /// Applies a new, already validated configuration at runtime (SIGHUP / reload): listeners
    /// added and removed, trigger / ONESHOT / model, buffer limits. New listeners are bound before
    /// anything changes, so a bind failure leaves the running configuration exactly as it was.
    /// Returns one line per change made (or not possible without a restart).
    /// </summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(EngineOptions next)
    {
        var errors = next.Validate(ServiceCatalog.Names);
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        await _applyLock.WaitAsync();
        try
        {
            var changes = new List<string>();
            var prev = _current;
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
                foreach (var (_, fd) in boundNow) Native.LibC.Close(fd);
                throw;
            }

            var listeners = _listeners.ToList();
            foreach (var r in removed)
            {
                await _loop.RemoveListenerAsync(r.Name);
                listeners.RemoveAll(l => l.Name == r.Name);
                changes.Add($"listener {r.Name} ({r.Service}) on {r.Address}:{r.Port} removed");
            }
            foreach (var (n, fd) in boundNow) listeners.Add(await AddListenerAsync(n, fd));
            foreach (var n in added.Where(Reuses)) listeners.Add(await AddListenerAsync(n, Bind(n)));
            foreach (var n in added) changes.Add($"listener {n.Name} ({n.Service}) on {listeners.Single(l => l.Name == n.Name).EndPoint} added");
            _listeners = listeners;

            if (next.Mode != _loop.Mode)
            {
                var r = await _loop.SwitchModeAsync(next.Mode);
                changes.Add($"mode {prev.Mode} -> {r.Mode} ({r.RearmedFds} fds re-armed)");
            }
            if (next.Timer != _loop.TimerKind)
            {
                var t = await _loop.SwitchTimersAsync(next.Timer);
                changes.Add($"timer {prev.Timer} -> {t.Kind} ({t.Moved} timers moved)");
            }
            if (next.IdleTimeoutSeconds != prev.IdleTimeoutSeconds) changes.Add($"IdleTimeoutSeconds {prev.IdleTimeoutSeconds} -> {next.IdleTimeoutSeconds}");
            if (next.ReadBudgetBytes != prev.ReadBudgetBytes) changes.Add($"ReadBudgetBytes {prev.ReadBudgetBytes} -> {next.ReadBudgetBytes}");
            if (next.MaxPendingBytes != prev.MaxPendingBytes) changes.Add($"MaxPendingBytes {prev.MaxPendingBytes} -> {next.MaxPendingBytes}");
            if (next.Backlog != prev.Backlog) changes.Add($"Backlog {prev.Backlog} -> {next.Backlog} (for listeners bound from now on)");
            if (next.EffectiveWorkers != prev.EffectiveWorkers)
                changes.Add($"Workers {prev.EffectiveWorkers} -> {next.EffectiveWorkers} not applied: the pool is fixed at start (restart to change it)");
            await _loop.UpdateOptionsAsync(next);
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
    /// is delivered to <paramref name="handler"/> on the loop thread.
    /// </summary>
    public async Task<UnifiedSignalSource> StartSignalSourceAsync(IReadOnlyDictionary<int, bool> signals, Action<int> handler)
    {
        var source = new UnifiedSignalSource(handler);
        await _loop.WatchAsync(source.ReadFd, source.OnReadable);
        foreach (var (signal, replaceDefault) in signals) source.Add(signal, replaceDefault);
        return source;
    }

    /// <summary>
    /// Hands the sorted list's tick to SIGALRM (its classic form): the host's signal source must
    /// deliver SIGALRM and call <see cref="OnAlarm"/> from its handler, which runs on the loop thread.
    /// </summary>
    public Task UseAlarmTicksAsync() => _loop.UseAlarmTicksAsync();

    /// <summary>Call from the unified signal source's handler (the loop thread) on SIGALRM.</summary>
    public void OnAlarm() => _loop.OnAlarm();

    /// <summary>Graceful stop: stop accepting, let quiet connections close, force the rest after <paramref name="grace"/>.</summary>
    public Task DrainAsync(TimeSpan grace) => _loop.DrainAsync(grace);

    public EngineOptions CurrentOptions => _current;

    public EngineState GetState()
    {
        var mode = _loop.Mode;
        return new EngineState(mode.Trigger, mode.OneShot, mode.Model, _loop.TimerKind, _current.IdleTimeoutSeconds, _workers.Count,
            _loop.ConnectionCount, _workers.QueueLength, _listeners, ReadCounters(), DateTimeOffset.UtcNow);
    }

    /// <summary>Applies a trigger/ONESHOT/model change to every live connection; completes once all of them run in the new mode.</summary>
    public Task<ModeSwitchResult> ChangeModeAsync(ModeChange change) => _loop.SwitchModeAsync(change.ApplyTo(_loop.Mode));

    /// <summary>Moves every pending idle timer into a structure of another kind; none is lost or fired early.</summary>
    public Task<TimerSwitchResult> ChangeTimerAsync(TimerKind kind) => _loop.SwitchTimersAsync(kind);

    /// <summary>The timer structure's bounded shape (at most <paramref name="maxNodes"/> nodes), copied out by the loop.</summary>
    public Task<TimerShape> GetTimersAsync(int maxNodes = 256) => _loop.SnapshotTimersAsync(maxNodes);

    public Task<IReadOnlyList<ConnectionInfo>> GetConnectionsAsync() => _loop.InvokeAsync(_loop.SnapshotConnections);

    public IReadOnlyList<ClosedConnectionInfo> RecentlyClosed => _loop.Closed.Snapshot();

    /// <summary>Closes one connection (after any worker holding it returns); false if no such live connection.</summary>
    public Task<bool> CloseConnectionAsync(long id, string reason = "closed by admin") => _loop.InvokeAsync(() => _loop.CloseById(id, reason));

    private CounterSnapshot ReadCounters()
    {
        var s = new CounterSnapshot();
        _loop.Counters.AddTo(ref s);
        _workers.AddCountersTo(ref s);
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_started)
        {
            var stopped = _loop.StopAsync();
            await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(10)));
        }
        _workers.Dispose();
        _loop.Dispose();
        _meter.Dispose();
    }
}
