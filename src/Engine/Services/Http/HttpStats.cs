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

    private readonly ThreadRows _rows = new(Fields);

    public LatencyHistogram Duration { get; } = new();

    public long[] Row(int slot) => _rows.Row(slot);

    public HttpStatsSnapshot Snapshot()
    {
        var sum = _rows.Sum();
        return new HttpStatsSnapshot(sum[Requests], sum[Status1xx], sum[Status2xx], sum[Status3xx], sum[Status4xx], sum[Status5xx],
            sum[ParseErrors], sum[Timeouts], sum[BodyBytes], sum[NotModified], Duration.Snapshot());
    }
}
