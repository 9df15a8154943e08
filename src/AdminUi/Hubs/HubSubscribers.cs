using System.Collections.Concurrent;

namespace AdminServer.AdminUi.Hubs;

/// <summary>
/// The hub's connected clients with each one's send in flight. A client still busy with the
/// previous message is skipped for this one (it sees a gap in <c>seq</c>), so a slow browser
/// or script delays only itself and memory per client stays bounded.
/// </summary>
public sealed class HubSubscribers
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new();

    public int Count => _inFlight.Count;

    public void Add(string connectionId) => _inFlight[connectionId] = Task.CompletedTask;

    public void Remove(string connectionId) => _inFlight.TryRemove(connectionId, out _);

    /// <summary>Starts <paramref name="send"/> for every client whose previous send has finished; returns how many were skipped.</summary>
    public int SendToIdle(Func<string, Task> send)
    {
        int skipped = 0;
        foreach (var (id, previous) in _inFlight)
        {
            if (!previous.IsCompleted) { skipped++; continue; }
            Task next;
            try { next = send(id); }
            catch (Exception ex) { next = Task.FromException(ex); }
            // Only replace our own entry: a client that left meanwhile stays removed.
            _inFlight.TryUpdate(id, next, previous);
        }
        return skipped;
    }
}
