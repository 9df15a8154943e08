using AdminServer.AdminUi.Services;
using AdminServer.Engine;
using AdminServer.Engine.Processes;
using AdminServer.Engine.Signals;
using static AdminServer.Engine.Signals.SignalNumbers;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Wires the engine's unified signal source: every handled signal arrives on the engine loop's
/// thread as an ordinary event, and the handler there decides what happens. Long work (a reload,
/// a drain) is started from the loop as commands and completes asynchronously, so the loop never blocks.
/// </summary>
public sealed class SignalHostedService(
    ServerEngine engine, ReloadService reload, ProcessManager processes, AuditLog audit, IHostApplicationLifetime lifetime,
    ILogger<SignalHostedService> logger)
    : IHostedService
{
    private UnifiedSignalSource? _source;
    private int _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _source = await engine.StartSignalSourceAsync(new Dictionary<int, bool>
        {
            [SIGHUP] = true, [SIGTERM] = true, [SIGINT] = true, [SIGUSR1] = true, [SIGALRM] = true, [SIGCHLD] = false,
        }, OnSignal);
        await engine.UseAlarmTicksAsync(); // the sorted list in its classic form: ticked by SIGALRM
    }

    private void OnSignal(int signal)
    {
        switch (signal)
        {
            case SIGHUP:
                Record(signal, "reloading configuration");
                _ = reload.ReloadAsync("SIGHUP");
                break;
            case SIGTERM or SIGINT:
                if (Interlocked.Exchange(ref _stopping, 1) == 1) { Record(signal, "already stopping"); break; }
                var grace = TimeSpan.FromSeconds(engine.CurrentOptions.ShutdownGraceSeconds);
                Record(signal, $"graceful stop: no new connections, {grace.TotalSeconds:F0} s for open ones to finish");
                _ = engine.DrainAsync(grace).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
                break;
            case SIGUSR1:
                Record(signal, "state dump written to the log");
                DumpState();
                break;
            case SIGCHLD:
                // Reap now (no zombie outlives the signal), and show how each child ended.
                foreach (var exit in processes.ReapExited())
                    audit.Add("process", "kernel", $"{exit.Program} pid {exit.Pid} (group {exit.Pgid}) exited", exit.Description);
                break;
            case SIGALRM:
                engine.OnAlarm(); // periodic: not audited, it would flood the log
                break;
            default:
                Record(signal, "no action");
                break;
        }
    }

    private void Record(int signal, string result) => audit.Add("signal", "kernel", $"{Name(signal)} received", result);

    private void DumpState()
    {
        var state = engine.GetState();
        logger.LogInformation("State dump: {Trigger} ONESHOT={OneShot} {Model}, {Workers} workers, {Connections} connections, counters {@Counters}",
            state.Trigger, state.OneShot, state.EventModel, state.Workers, state.Connections, state.Counters);
        _ = engine.GetConnectionsAsync().ContinueWith(t =>
        {
            foreach (var c in t.Result)
                logger.LogInformation("State dump: connection {Id} {Service} {Remote} {State} in={BytesIn} out={BytesOut}", c.Id, c.Service, c.Remote, c.State, c.BytesIn, c.BytesOut);
        }, TaskScheduler.Default);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _source?.Dispose();
        return Task.CompletedTask;
    }
}
