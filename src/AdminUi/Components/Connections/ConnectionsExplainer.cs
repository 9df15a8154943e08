using AdminServer.AdminUi.Components.Shared;
using AdminServer.Engine.Loop;
using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;

namespace AdminServer.AdminUi.Components.Connections;

/// <summary>The Connections page's "Explain" panel: how the open connections spread over loops, which are active, what ended the recent ones.</summary>
public static class ConnectionsExplainer
{
    public static IReadOnlyList<string> Explain(IReadOnlyList<ConnectionInfo> open, DateTimeOffset readAt, IReadOnlyList<ClosedConnectionInfo> closed)
    {
        var said = new List<string>();
        if (open.Count == 0) said.Add("No connection is open. Connect to a listener (see the Dashboard) and it appears here within a second.");
        else
        {
            var perLoop = open.GroupBy(c => c.Loop.Replace("adminserver-", "")).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            said.Add($"{open.Count} open: {string.Join(", ", perLoop)}. A connection belongs to one loop for its life; only that loop changes its registration, its timer and its close.");
            int active = open.Count(c => readAt - c.LastActivityAt < TimeSpan.FromSeconds(1));
            var quietest = open.MinBy(c => c.LastActivityAt)!;
            string timer = quietest.IdleTimerDueInMs is { } ms ? $"; its idle timer fires in {Format.Duration(TimeSpan.FromMilliseconds(ms))} unless it speaks" : "";
            said.Add($"{active} exchanged data in the last second. The quietest (#{quietest.Id}) has been silent for {Format.Duration(readAt - quietest.LastActivityAt)}{timer}.");
            int backlogged = open.Count(c => c.PendingBytes > 0);
            if (backlogged > 0)
                said.Add($"{backlogged} hold unsent bytes: the peer reads slower than the service writes. Past Engine:MaxPendingBytes the engine stops reading from such a peer (backpressure).");
        }
        if (closed.Count > 0)
        {
            var reasons = closed.GroupBy(c => c.Reason).OrderByDescending(g => g.Count()).Take(4).Select(g => $"{g.Key} ×{g.Count()}");
            said.Add($"Of the last {closed.Count} closes: {string.Join(", ", reasons)} (Closed tab).");
        }
        return said;
    }
}
