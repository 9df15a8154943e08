using System.Collections.Concurrent;

namespace AdminServer.Engine.Loop;

/// <summary>
/// The most recent closes with their reasons, bounded. A concurrent queue rather than a lock,
/// so an admin reader can never hold up the loop that records a close.
/// </summary>
internal sealed class ClosedHistory(int capacity)
{
    private readonly ConcurrentQueue<ClosedConnectionInfo> _items = new();

    public void Add(ClosedConnectionInfo info)
    {
        _items.Enqueue(info);
        while (_items.Count > capacity) _items.TryDequeue(out _);
    }

    public IReadOnlyList<ClosedConnectionInfo> Snapshot() => _items.Reverse().ToArray();
}
