using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Starts the Autostart programs with the server and kills every managed group (TERM, grace,
/// KILL) when it stops, as Supervisor does. Until SIGCHLD drives <see cref="ProcessManager.ReapExited"/>,
/// a one-second timer does, and it stays as a safety net afterwards: it scans /proc only while a group exists.
/// </summary>
public sealed class ProcessHostedService(ProcessManager manager, ILogger<ProcessHostedService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan ReapInterval = TimeSpan.FromSeconds(1);
    private Timer? _reaper;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var r in manager.StartAutostartPrograms())
            logger.LogInformation("Autostart {Program}: {Outcome} {Detail}", r.Program, r.Outcome, r.Detail);
        _reaper = new Timer(_ => { if (manager.HasGroups) manager.ReapExited(); }, null, ReapInterval, ReapInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try { await manager.StopAllAsync(cancellationToken); }
        catch (OperationCanceledException) { logger.LogWarning("Shutdown timeout: managed groups were sent SIGKILL without the full grace period"); }
        _reaper?.Dispose();
    }

    public void Dispose() => _reaper?.Dispose();
}
