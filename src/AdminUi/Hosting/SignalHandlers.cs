using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using AdminServer.Engine.Processes;
using static AdminServer.Engine.Signals.SignalNumbers;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// What each signal does. <see cref="OnSignal"/> runs on the engine loop (the unified signal source)
/// and does nothing there that can wait: SIGALRM ticks the loop's own timer list; every other signal
/// is handed to the "adminserver-signals" thread, and from there SIGCHLD to the
/// <see cref="ChildReaper"/> and SIGHUP's reload to the thread pool. So a held process-manager lock,
/// a slow disk, a FIFO in place of the config file or a blocking bind delay the signal's work,
/// never the connections the loop serves. Whatever the work throws is logged and audited.
/// </summary>
public sealed class SignalHandlers : IDisposable
{
    private readonly ServerEngine _engine;
    private readonly ReloadService _reload;
    private readonly AuditLog _audit;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly SerialWorker _worker;
    private readonly ChildReaper _reaper;
    private int _stopping;

    public SignalHandlers(ServerEngine engine, ReloadService reload, ProcessManager processes, AuditLog audit,
        IHostApplicationLifetime lifetime, ILogger<SignalHandlers> logger)
    {
        _engine = engine;
        _reload = reload;
        _audit = audit;
        _lifetime = lifetime;
        _logger = logger;
        _worker = new SerialWorker("adminserver-signals", logger);
        _reaper = new ChildReaper(processes, audit, logger);
    }

    /// <summary>The loop thread's part: route, never wait.</summary>
    public void OnSignal(int signal)
    {
        switch (signal)
        {
            case SIGALRM:
                _engine.OnAlarm(); // the loop's own timer work; periodic, so not audited (it would flood the log)
                break;
            case SIGCHLD:
                _reaper.Request();
                break;
            default:
                _worker.Post(() => Handle(signal));
                break;
        }
    }

    /// <summary>The signals thread's part.</summary>
    private void Handle(int signal)
    {
        switch (signal)
        {
            case SIGHUP:
                Record(signal, "reloading configuration");
                _ = Task.Run(ReloadAsync);
                break;
            case SIGTERM or SIGINT:
                if (Interlocked.Exchange(ref _stopping, 1) == 1) { Record(signal, "already stopping"); break; }
                var grace = TimeSpan.FromSeconds(_engine.CurrentOptions.ShutdownGraceSeconds);
                Record(signal, $"graceful stop: no new connections, {grace.TotalSeconds:F0} s for open ones to finish");
                _ = _engine.DrainAsync(grace).ContinueWith(_ => _lifetime.StopApplication(), TaskScheduler.Default);
                break;
            case SIGUSR1:
                Record(signal, "state dump written to the log");
                DumpState();
                break;
            default:
                Record(signal, "no action");
                break;
        }
    }

    /// <summary>SIGHUP's reload, fire-and-forget from the signal's point of view: so nothing it throws may vanish.</summary>
    private async Task ReloadAsync()
    {
        try { await _reload.ReloadAsync("SIGHUP"); } // audits applied, rejected and not-possible-now itself
        catch (Exception e)
        {
            _logger.LogError(e, "Reload after SIGHUP failed");
            _audit.Add("reload", "SIGHUP", "reload after SIGHUP", $"failed, running configuration kept: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Record(int signal, string result) => _audit.Add("signal", "kernel", $"{Name(signal)} received", result);

    private void DumpState()
    {
        var state = _engine.GetState();
        _logger.LogInformation("State dump: {Trigger} ONESHOT={OneShot} {Model}, {Workers} workers, {Connections} connections, counters {@Counters}",
            state.Trigger, state.OneShot, state.EventModel, state.Workers, state.Connections, state.Counters);
        _ = _engine.GetConnectionsAsync().ContinueWith(t =>
        {
            if (t.IsFaulted) { _logger.LogWarning(t.Exception, "State dump: the connection list could not be read"); return; }
            foreach (var c in t.Result)
                _logger.LogInformation("State dump: connection {Id} {Service} {Remote} {State} in={BytesIn} out={BytesOut}", c.Id, c.Service, c.Remote, c.State, c.BytesIn, c.BytesOut);
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _worker.Dispose();
        _reaper.Dispose();
    }
}
