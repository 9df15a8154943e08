using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Starts the Autostart programs with the server and kills every managed group (TERM, grace,
/// KILL) when it stops, as Supervisor does. Reaping is driven by SIGCHLD (see <see cref="ChildReaper"/>),
/// not by a timer.
/// </summary>
public sealed class ProcessHostedService(ProcessManager manager, ILogger<ProcessHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var r in manager.StartAutostartPrograms())
            logger.LogInformation("Autostart {Program}: {Outcome} {Detail}", r.Program, r.Outcome, r.Detail);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try { await manager.StopAllAsync(cancellationToken); }
        catch (OperationCanceledException) { logger.LogWarning("Shutdown timeout: managed groups were sent SIGKILL without the full grace period"); }
    }
}
