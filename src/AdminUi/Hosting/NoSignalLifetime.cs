namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Replaces the console lifetime, which would act on SIGTERM/SIGINT on its own thread. Here the
/// engine's unified signal source is the only place a signal is handled (see SignalHostedService).
/// </summary>
public sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
