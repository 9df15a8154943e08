using AdminServer.AdminUi.Services;
using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace AdminServer.AdminUi.Hubs;

/// <summary>
/// /hubs/engine: pushes "snapshot" (<see cref="EngineSnapshot"/>) at most every
/// <see cref="EngineMonitor.Interval"/> and "audit" (<see cref="AuditEntry"/>) as actions
/// happen; answers the queries below. Read-only: state changes go through the API or the
/// console. Documented in README.md ("Live updates hub").
/// </summary>
[Authorize]
public sealed class EngineHub(EngineMonitor monitor, AuditLog audit, HubSubscribers subscribers) : Hub
{
    public const string Path = "/hubs/engine";

    public override Task OnConnectedAsync()
    {
        subscribers.Add(Context.ConnectionId);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscribers.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>The newest snapshot (null before the first tick), to start from without waiting.</summary>
    public EngineSnapshot? GetSnapshot() => monitor.Latest;

    /// <summary>The whole connection table as of the newest snapshot: call once, then apply each snapshot's changes.</summary>
    public IReadOnlyList<ConnectionInfo> GetConnections() => monitor.Connections;

    /// <summary>The charts' history: one rate sample per interval over the last minutes, oldest first.</summary>
    public IReadOnlyList<RateSample> GetHistory() => monitor.History();

    /// <summary>
    /// The audit log, newest first: the newest <paramref name="max"/> entries (0 gives none; more than
    /// <see cref="MaxAudit"/> gives that many); a negative count is refused with a message saying so.
    /// SignalR binds arguments by count and supports neither optional parameters nor overloads, so
    /// <c>GetAudit()</c> cannot default: the hub's detailed errors (Program.cs) tell the caller the count is missing.
    /// </summary>
    public IReadOnlyList<AuditEntry> GetAudit(int max)
    {
        if (max < 0) throw new HubException($"GetAudit({max}): the number of entries must be between 0 and {MaxAudit}.");
        return audit.Snapshot().Take(Math.Min(max, MaxAudit)).ToArray();
    }

    public const int MaxAudit = 2000;
}
