namespace AdminServer.AdminUi.Services;

/// <summary>
/// The record of administrative actions: mode switches, reloads, signals, kills, logins. Every
/// entry is appended to the <see cref="AuditFile"/> as it is made (so it survives restarts and
/// no flood of new entries can erase the history still on disk); the newest
/// <see cref="CacheCapacity"/> are also kept in memory for the console and the hub. Values are
/// cleaned of control characters (<see cref="LogText"/>) before they reach the file or the log.
/// </summary>
public sealed class AuditLog
{
    public const int CacheCapacity = 2000;
    /// <summary>The largest page <see cref="Page"/> returns.</summary>
    public const int MaxPage = 1000;

    private readonly object _gate = new();
    private readonly Queue<AuditEntry> _recent = new();
    private readonly AuditFile _file;
    private readonly ILogger<AuditLog> _logger;
    private long _lastId;
    /// <summary>True while the cache holds every entry on disk (nothing was ever evicted from it).</summary>
    private bool _cacheHoldsAll;

    public AuditLog(AuditFile file, ILogger<AuditLog> logger)
    {
        _file = file;
        _logger = logger;
        List<AuditEntry> tail;
        try { tail = file.ReadNewest(null, CacheCapacity); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Audit history in {Path} could not be read: {Error}", file.Path, e.Message);
            tail = [];
        }
        for (int i = tail.Count - 1; i >= 0; i--) _recent.Enqueue(tail[i]);
        _lastId = tail.Count > 0 ? tail[0].Id : 0;
        _cacheHoldsAll = tail.Count < CacheCapacity;
    }

    /// <summary>Raised after an entry is added (on the writer's thread).</summary>
    public event Action<AuditEntry>? Added;

    public AuditEntry Add(string category, string actor, string action, string result)
    {
        AuditEntry entry;
        lock (_gate)
        {
            // The id is taken and the line written under one lock, so the file's ids always grow.
            entry = new AuditEntry(++_lastId, DateTimeOffset.UtcNow, LogText.Clean(category, 64), LogText.Clean(actor, 200),
                LogText.Clean(action), LogText.Clean(result, 4000));
            _file.Append(entry);
            _recent.Enqueue(entry);
            while (_recent.Count > CacheCapacity)
            {
                _recent.Dequeue();
                _cacheHoldsAll = false;
            }
        }
        _logger.LogInformation("Audit {Category} by {Actor}: {Action} -> {Result}", entry.Category, entry.Actor, entry.Action, entry.Result);
        Added?.Invoke(entry);
        return entry;
    }

    /// <summary>The newest entries (at most <see cref="CacheCapacity"/>), newest first.</summary>
    public IReadOnlyList<AuditEntry> Snapshot()
    {
        lock (_gate) return _recent.Reverse().ToArray();
    }

    /// <summary>
    /// One page of the whole history, newest first: at most <paramref name="max"/> entries with an id
    /// below <paramref name="beforeId"/> (from the newest when null). Served from memory while it
    /// can be, from the files beyond that.
    /// </summary>
    public IReadOnlyList<AuditEntry> Page(long? beforeId, int max)
    {
        max = Math.Clamp(max, 1, MaxPage);
        var page = new List<AuditEntry>(Math.Min(max, 256));
        bool complete;
        lock (_gate)
        {
            foreach (var e in _recent.Reverse())
            {
                if (page.Count == max) break;
                if (beforeId is null || e.Id < beforeId) page.Add(e);
            }
            complete = _cacheHoldsAll;
        }
        if (page.Count < max && !complete)
            page.AddRange(_file.ReadNewest(page.Count > 0 ? page[^1].Id : beforeId, max - page.Count));
        return page;
    }
}
