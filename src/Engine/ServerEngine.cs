using System.Net;
using AdminServer.Engine.Config;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Services;
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
    private readonly EngineOptions _options;
    private readonly WorkerPool _workers;
    private readonly EventLoop _loop;
    private readonly EngineMeter _meter;
    private readonly List<ListenerInfo> _listeners = [];
    private bool _started;
    private bool _disposed;

    public ServerEngine(EngineOptions options, ILogger? logger = null)
    {
        var errors = options.Validate(ServiceCatalog.Names);
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors));
        _options = options;
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
        foreach (var l in _options.Listeners)
        {
            var bound = await _loop.AddListenerAsync(l.Name, ServiceCatalog.Get(l.Service), new IPEndPoint(IPAddress.Parse(l.Address), l.Port));
            _listeners.Add(new ListenerInfo(l.Name, l.Service, bound.ToString(), bound.Port));
        }
    }

    public EngineState GetState()
    {
        var mode = _loop.Mode;
        return new EngineState(mode.Trigger, mode.OneShot, mode.Model, _workers.Count, _loop.ConnectionCount,
            _workers.QueueLength, _listeners, ReadCounters(), DateTimeOffset.UtcNow);
    }

    /// <summary>Applies a trigger/ONESHOT/model change to every live connection; completes once all of them run in the new mode.</summary>
    public Task<ModeSwitchResult> ChangeModeAsync(ModeChange change) => _loop.SwitchModeAsync(change.ApplyTo(_loop.Mode));

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
