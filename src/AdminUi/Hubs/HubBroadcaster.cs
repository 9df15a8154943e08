using AdminServer.AdminUi.Services;
using Microsoft.AspNetCore.SignalR;

namespace AdminServer.AdminUi.Hubs;

/// <summary>Forwards the monitor's snapshots and the audit log's entries to the hub's clients without waiting for any of them.</summary>
public sealed class HubBroadcaster(EngineMonitor monitor, AuditLog audit, HubSubscribers subscribers, IHubContext<EngineHub> hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Updated += OnSnapshot;
        audit.Added += OnAudit;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        monitor.Updated -= OnSnapshot;
        audit.Added -= OnAudit;
        return Task.CompletedTask;
    }

    private void OnSnapshot(EngineSnapshot snapshot) =>
        subscribers.SendToIdle(id => hub.Clients.Client(id).SendAsync("snapshot", snapshot));

    // Audit entries are rare and small: sent to everyone, not skipped.
    private void OnAudit(AuditEntry entry) => _ = hub.Clients.All.SendAsync("audit", entry);
}
