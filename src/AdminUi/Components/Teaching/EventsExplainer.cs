using AdminServer.AdminUi.Services;

namespace AdminServer.AdminUi.Components.Teaching;

/// <summary>The Events page's "Explain" panel: what the last hour's entries were and who made them.</summary>
public static class EventsExplainer
{
    public static IReadOnlyList<string> Explain(IReadOnlyList<AuditEntry> entries, DateTimeOffset now)
    {
        var hour = entries.Where(e => now - e.At < TimeSpan.FromHours(1)).ToArray();
        if (hour.Length == 0) return ["Nothing in the last hour. Every switch, reload, signal, kill and login is recorded here as it happens, with who did it and from where."];
        var byCategory = hour.GroupBy(e => e.Category).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}");
        var byWho = hour.GroupBy(e => e.Actor).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Key} ({g.Count()})");
        return
        [
            $"{hour.Length} event{(hour.Length == 1 ? "" : "s")} in the last hour: {string.Join(", ", byCategory)}.",
            $"Most from {string.Join(", ", byWho)}: \"(console)\" marks a click here, a bare user@address a script using the API, \"kernel\" a signal the loop handled.",
        ];
    }
}
