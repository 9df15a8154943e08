using AdminServer.AdminUi.Services;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Operations;

/// <summary>
/// The one path by which the API and the console disable, enable or drain a listener (HAProxy's
/// disable/enable frontend, plus a graceful drain): the engine decides, the audit log records who did it.
/// </summary>
public sealed class ListenerActions(ServerEngine engine, AuditLog audit)
{
    /// <summary>Every listener with its counters; the bytes of its open connections when every loop answers within <paramref name="wait"/>.</summary>
    public async Task<IReadOnlyList<ListenerRow>> ListAsync(TimeSpan wait)
    {
        var state = engine.GetState();
        Dictionary<string, (long In, long Out)>? bytes = null;
        try
        {
            var connections = await engine.GetConnectionsAsync().WaitAsync(wait);
            bytes = connections.GroupBy(c => c.Listener).ToDictionary(g => g.Key, g => (g.Sum(c => c.BytesIn), g.Sum(c => c.BytesOut)));
        }
        catch (TimeoutException) { } // a loop did not answer in time: the counters still come, the bytes do not
        return state.Listeners.Select(l => ListenerRow.From(l, bytes is null ? null : bytes.GetValueOrDefault(l.Name))).ToList();
    }

    /// <summary>Applies <paramref name="action"/>; null (and audited as refused) when there is no such listener.</summary>
    public ListenerRow? Change(string name, ListenerAction action, string actor)
    {
        string verb = action.ToString().ToLowerInvariant();
        var info = engine.ChangeListener(name, action);
        if (info is null)
        {
            audit.Add("listener", actor, $"{verb} listener {LogText.Clean(name, 100)}", "refused: no such listener");
            return null;
        }
        audit.Add("listener", actor, $"{verb} listener {info.Name} ({info.Service} on {info.EndPoint})",
            $"now {info.State}, {info.OpenConnections} open connection{(info.OpenConnections == 1 ? "" : "s")}");
        return ListenerRow.From(info, null);
    }
}
