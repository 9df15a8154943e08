using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using AdminServer.Engine.Services.Http;

namespace AdminServer.Engine.Metrics;

/// <summary>
/// Publishes the engine through System.Diagnostics.Metrics (OpenTelemetry / Prometheus, dotnet-counters):
/// one observable counter per <see cref="CounterSnapshot"/> field, named in snake case (adminserver.eagain_reads),
/// with one measurement per event loop (tag <c>loop</c> = its index) and one for the worker pool's share
/// (<c>loop</c> = <c>workers</c>), so the sum over the tag is the engine's total; open connections per loop,
/// the connection cap, the worker queue and the unsent bytes; per listener (tags <c>listener</c>, <c>service</c>)
/// accepts, refusals, accept errors, open connections and its state; the HTTP service's counters. Byte counts
/// are in bytes (unit By) and the wait time in seconds. Observable instruments read the engine only when a
/// listener collects (one <see cref="EngineState"/> per collection), so the hot path pays nothing for them.
/// Histograms of service latency and request duration are pre-aggregated by the engine (<see cref="LatencySnapshot"/>),
/// which an observable instrument cannot express: exporters read them from ServerEngine.GetLatency / GetHttpStats.
/// </summary>
internal sealed partial class EngineMeter : IDisposable
{
    public const string MeterName = "AdminServer.Engine";
    public const string WorkersTag = "workers";
    private static readonly string[] ListenerStates = ["enabled", "disabled", "draining"];
    /// <summary>One collection reads every instrument within a few ms: they share one state (and never a older one).</summary>
    private static readonly long FreshTicks = Stopwatch.Frequency / 50;
    private readonly Meter _meter = new(MeterName);
    private readonly Func<EngineState> _read;
    private readonly Func<HttpStatsSnapshot?> _http;
    private readonly Lock _gate = new();
    private EngineState? _state;
    private long _stateAt;

    public EngineMeter(Func<EngineState> read, Func<HttpStatsSnapshot?> http)
    {
        _read = read;
        _http = http;
        foreach (var p in typeof(CounterSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.PropertyType != typeof(long)) continue;
            var getter = p.GetMethod!.CreateDelegate<Func<CounterSnapshot, long>>();
            switch (p.Name)
            {
                case nameof(CounterSnapshot.WaitMicros):
                    _meter.CreateObservableCounter("adminserver.wait_time", () => PerLoop(c => getter(c) / 1e6), "s", "Time spent inside the demultiplexer's wait calls");
                    break;
                case nameof(CounterSnapshot.BytesIn):
                    _meter.CreateObservableCounter("adminserver.received_bytes", () => PerLoop(getter), "By", "Bytes received");
                    break;
                case nameof(CounterSnapshot.BytesOut):
                    _meter.CreateObservableCounter("adminserver.sent_bytes", () => PerLoop(getter), "By", "Bytes sent");
                    break;
                case nameof(CounterSnapshot.SendFileBytes):
                    _meter.CreateObservableCounter("adminserver.sendfile_bytes", () => PerLoop(getter), "By", "Bytes sent by sendfile");
                    break;
                default:
                    _meter.CreateObservableCounter("adminserver." + SnakeCase().Replace(p.Name, "$1_$2").ToLowerInvariant(), () => PerLoop(getter), null, p.Name);
                    break;
            }
        }

        _meter.CreateObservableGauge("adminserver.connections", () => State().Loops.Select(l => new Measurement<int>(l.Connections, Tag("loop", Index(l)))),
            null, "Open connections, per loop");
        _meter.CreateObservableGauge("adminserver.connections_max", () => State().MaxConnections, null, "Engine:MaxConnections in force");
        _meter.CreateObservableGauge("adminserver.worker_queue", () => State().WorkerQueue, null, "Dispatches waiting for a worker");
        _meter.CreateObservableGauge("adminserver.pending_bytes", () => State().PendingBytes, "By", "Bytes accepted for sending and not yet sent, over every connection");

        _meter.CreateObservableCounter("adminserver.listener.accepts", () => PerListener(l => l.Accepts), null, "Connections accepted, per listener");
        _meter.CreateObservableCounter("adminserver.listener.refused_connections", () => PerListener(l => l.RefusedConnections), null,
            "Connections accepted and closed at once (past Engine:MaxConnections or FD_SETSIZE, or the listener disabled)");
        _meter.CreateObservableCounter("adminserver.listener.accept_errors", () => PerListener(l => l.AcceptErrors), null, "accept4 failures, per listener");
        _meter.CreateObservableGauge("adminserver.listener.connections", () => PerListener(l => (long)l.OpenConnections), null, "Open connections, per listener");
        _meter.CreateObservableGauge("adminserver.listener.state", ListenerStateMeasurements, null,
            "1 for the listener's state now (enabled, disabled or draining), 0 for the others");

        _meter.CreateObservableCounter("adminserver.http.requests", () => Http(h => h.Requests), null, "HTTP requests parsed");
        _meter.CreateObservableCounter("adminserver.http.responses", HttpResponses, null, "HTTP responses, by status class");
        _meter.CreateObservableCounter("adminserver.http.parse_errors", () => Http(h => h.ParseErrors), null, "HTTP request heads refused as malformed");
        _meter.CreateObservableCounter("adminserver.http.timeouts", () => Http(h => h.Timeouts), null, "HTTP keep-alive and request timeouts");
        _meter.CreateObservableCounter("adminserver.http.not_modified", () => Http(h => h.NotModified), null, "HTTP 304 answers");
        _meter.CreateObservableCounter("adminserver.http.body_bytes", () => Http(h => h.BodyBytes), "By", "HTTP response body bytes");
    }

    private EngineState State()
    {
        lock (_gate)
        {
            long now = Stopwatch.GetTimestamp();
            if (_state is null || now - _stateAt > FreshTicks)
            {
                _state = _read();
                _stateAt = now;
            }
            return _state;
        }
    }

    private static string Index(LoopInfo l) => l.Index.ToString(CultureInfo.InvariantCulture);

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    /// <summary>One measurement per loop, and the worker pool's share (the total less the loops') as loop="workers".</summary>
    private IEnumerable<Measurement<T>> PerLoop<T>(Func<CounterSnapshot, T> value) where T : struct, INumber<T>
    {
        var state = State();
        var result = new List<Measurement<T>>(state.Loops.Count + 1);
        T loops = T.Zero;
        foreach (var l in state.Loops)
        {
            var v = value(l.Counters);
            loops += v;
            result.Add(new Measurement<T>(v, Tag("loop", Index(l))));
        }
        var workers = value(state.Counters) - loops;
        result.Add(new Measurement<T>(workers < T.Zero ? T.Zero : workers, Tag("loop", WorkersTag)));
        return result;
    }

    private IEnumerable<Measurement<long>> PerListener(Func<ListenerInfo, long> value) =>
        State().Listeners.Select(l => new Measurement<long>(value(l), Tag("listener", l.Name), Tag("service", l.Service))).ToList();

    private IEnumerable<Measurement<int>> ListenerStateMeasurements() =>
        State().Listeners.SelectMany(l => ListenerStates.Select(s =>
            new Measurement<int>(l.State == s ? 1 : 0, Tag("listener", l.Name), Tag("service", l.Service), Tag("state", s)))).ToList();

    private IEnumerable<Measurement<long>> Http(Func<HttpStatsSnapshot, long> value) =>
        _http() is { } h ? [new Measurement<long>(value(h))] : [];

    private IEnumerable<Measurement<long>> HttpResponses()
    {
        if (_http() is not { } h) return [];
        return
        [
            new(h.Responses1xx, Tag("status_class", "1xx")),
            new(h.Responses2xx, Tag("status_class", "2xx")),
            new(h.Responses3xx, Tag("status_class", "3xx")),
            new(h.Responses4xx, Tag("status_class", "4xx")),
            new(h.Responses5xx, Tag("status_class", "5xx")),
        ];
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    public void Dispose() => _meter.Dispose();
}
