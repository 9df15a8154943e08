using AdminServer.Engine.Metrics;

namespace AdminServer.Engine.Services.Http;

/// <summary>
/// The service's counters, one row per I/O thread (indexed by its slot) so a request costs no
/// interlocked operation; readers sum the rows. Plus the request duration histogram.
/// </summary>
internal sealed class HttpStats
{
    public const int Requests = 0, Status1xx = 1, Status2xx = 2, Status3xx = 3, Status4xx = 4, Status5xx = 5,
        ParseErrors = 6, Timeouts = 7, BodyBytes = 8, NotModified = 9, Fields = 10;

    private readonly long[]?[] _rows = new long[]?[EngineThreadSlots.Max];

    public LatencyHistogram Duration { get; } = new();

    public long[] Row(int slot) => _rows[slot] ??= new long[Fields];

    public HttpStatsSnapshot Snapshot()
    {
        var sum = new long[Fields];
        foreach (var row in _rows)
        {
            if (row is null) continue;
            for (int i = 0; i < Fields; i++) sum[i] += Volatile.Read(ref row[i]);
        }
        return new HttpStatsSnapshot(sum[Requests], sum[Status1xx], sum[Status2xx], sum[Status3xx], sum[Status4xx], sum[Status5xx],
            sum[ParseErrors], sum[Timeouts], sum[BodyBytes], sum[NotModified], Duration.Snapshot());
    }
}
