using System.Collections.Concurrent;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The Events page's source: a bounded, thread-safe log of administrative actions. Writers
/// (API handlers, the console, the signal loop) append; readers take a snapshot. Each entry
/// is also written to the application log with structured fields.
/// </summary>
public sealed class AuditLog(ILogger<AuditLog> logger)
{
    private const int Capacity = 2000;
    private readonly ConcurrentQueue<AuditEntry> _entries = new();
    private long _nextId;

    /// <summary>Raised after an entry is added (on the writer's thread).</summary>
    public event Action<AuditEntry>? Added;

    public AuditEntry Add(string category, string actor, string action, string result)
    {
        var entry = new AuditEntry(Interlocked.Increment(ref _nextId), DateTimeOffset.UtcNow, category, actor, action, result);
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity) _entries.TryDequeue(out _);
        logger.LogInformation("Audit {Category} by {Actor}: {Action} -> {Result}", category, actor, action, result);
        Added?.Invoke(entry);
        return entry;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<AuditEntry> Snapshot() => _entries.Reverse().ToArray();
}
