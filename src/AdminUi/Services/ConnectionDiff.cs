using ConnectionInfo = AdminServer.Engine.Loop.ConnectionInfo;

namespace AdminServer.AdminUi.Services;

/// <summary>Added and removed connection ids between two tables, each list capped.</summary>
public static class ConnectionDiff
{
    public static ConnectionChanges Between(IReadOnlyList<ConnectionInfo> before, IReadOnlyList<ConnectionInfo> after, int cap)
    {
        var beforeIds = new HashSet<long>(before.Count);
        foreach (var c in before) beforeIds.Add(c.Id);
        var afterIds = new HashSet<long>(after.Count);
        var added = new List<ConnectionInfo>();
        bool truncated = false;
        foreach (var c in after)
        {
            afterIds.Add(c.Id);
            if (beforeIds.Contains(c.Id)) continue;
            if (added.Count < cap) added.Add(c);
            else truncated = true;
        }
        var removed = new List<long>();
        foreach (var id in beforeIds)
        {
            if (afterIds.Contains(id)) continue;
            if (removed.Count < cap) removed.Add(id);
            else truncated = true;
        }
        return added.Count == 0 && removed.Count == 0 && !truncated ? ConnectionChanges.None : new ConnectionChanges(added, removed, truncated);
    }
}
