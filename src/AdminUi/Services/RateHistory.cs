namespace AdminServer.AdminUi.Services;

/// <summary>
/// The charts' memory: every rate sample of the last <see cref="Span"/>, oldest first, bounded by
/// time (and by count, should the clock jump). Written by the monitor, read by any circuit or the hub.
/// </summary>
public sealed class RateHistory
{
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(60);

    private readonly Lock _lock = new();
    private readonly Queue<RateSample> _samples = new();
    private readonly int _maxCount;

    public RateHistory(TimeSpan interval) => _maxCount = (int)(Span / interval) + 16;

    /// <summary>Bumped on every change, so a reader can tell cheaply whether there is anything new.</summary>
    public long Version { get; private set; }

    public void Add(RateSample sample)
    {
        lock (_lock)
        {
            _samples.Enqueue(sample);
            Trim(sample.At);
            Version++;
        }
    }

    /// <summary>Samples from before a restart (read from the history file): kept if still within the span, ahead of any new ones.</summary>
    public void Restore(IEnumerable<RateSample> older, DateTimeOffset now)
    {
        lock (_lock)
        {
            var newer = _samples.ToArray();
            _samples.Clear();
            foreach (var s in older.Where(s => s.At > now - Span && (newer.Length == 0 || s.At < newer[0].At)).OrderBy(s => s.At)) _samples.Enqueue(s);
            foreach (var s in newer) _samples.Enqueue(s);
            Trim(now);
            Version++;
        }
    }

    /// <summary>The samples taken after <paramref name="from"/>, oldest first.</summary>
    public IReadOnlyList<RateSample> Since(DateTimeOffset from)
    {
        lock (_lock) return _samples.Where(s => s.At > from).ToArray();
    }

    public IReadOnlyList<RateSample> All()
    {
        lock (_lock) return _samples.ToArray();
    }

    private void Trim(DateTimeOffset now)
    {
        while (_samples.Count > 0 && (_samples.Count > _maxCount || _samples.Peek().At <= now - Span)) _samples.Dequeue();
    }
}
