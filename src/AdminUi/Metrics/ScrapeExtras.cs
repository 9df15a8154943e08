using System.Diagnostics.Metrics;
using System.Text;
using AdminServer.Engine;

namespace AdminServer.AdminUi.Metrics;

/// <summary>
/// What a scrape adds to the exporter's instruments: the pending timers (a count only the loops know, so it is
/// asked for before each scrape with a deadline, never from inside a metrics callback), and the histogram
/// families of service latency per listener and HTTP request duration, written from the engine's buckets.
/// </summary>
public sealed class ScrapeExtras : IDisposable
{
    public const string MeterName = "AdminServer.Admin";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);
    private readonly ServerEngine _engine;
    private readonly Meter _meter = new(MeterName);
    private int? _timers;

    public ScrapeExtras(ServerEngine engine)
    {
        _engine = engine;
        _meter.CreateObservableGauge("adminserver.timers.pending", () => _timers is { } n ? [new Measurement<int>(n)] : Array.Empty<Measurement<int>>(),
            null, "Pending timers in every loop's timer structure");
    }

    /// <summary>Asks the loops for their timer counts; a loop that does not answer within 1 s leaves the gauge out of this scrape.</summary>
    public async Task RefreshAsync()
    {
        try { _timers = (await _engine.GetTimersAsync(0).WaitAsync(Deadline)).TotalCount; }
        catch (TimeoutException) { _timers = null; }
    }

    public string Histograms()
    {
        var text = new StringBuilder();
        var listeners = _engine.Listeners.ToDictionary(l => l.Name, l => l.Service);
        HistogramText.WriteFamily(text, "adminserver_listener_service_latency_seconds",
            "Service latency of a listener's connections: from the moment the engine saw data ready to the end of the run that served it.",
            _engine.GetLatency().OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => ((IReadOnlyList<(string, string)>)[("listener", kv.Key), ("service", listeners.GetValueOrDefault(kv.Key, ""))], kv.Value)));
        if (_engine.GetHttpStats() is { } http)
            HistogramText.WriteFamily(text, "adminserver_http_request_duration_seconds",
                "HTTP request duration: from the first byte of the request to the last byte of the answer handed to the socket.",
                [([], http.Duration)]);
        return text.ToString();
    }

    public void Dispose() => _meter.Dispose();
}
