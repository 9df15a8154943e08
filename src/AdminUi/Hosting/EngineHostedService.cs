using AdminServer.Engine;

namespace AdminServer.AdminUi.Hosting;

/// <summary>Starts the engine with the web host and stops it (draining connections) when the host stops.</summary>
public sealed class EngineHostedService(ServerEngine engine, ILogger<EngineHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync();
        foreach (var l in engine.Listeners)
            logger.LogInformation("Listener {Name} ({Service}) on {EndPoint}", l.Name, l.Service, l.EndPoint);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await engine.DisposeAsync();
}
