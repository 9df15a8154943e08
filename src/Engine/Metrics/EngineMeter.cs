using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AdminServer.Engine.Metrics;

/// <summary>
/// Publishes the engine's counters through System.Diagnostics.Metrics (dotnet-counters,
/// OpenTelemetry): one observable counter per <see cref="CounterSnapshot"/> field, named in
/// snake case (adminserver.eagain_reads). Observable instruments read the per-thread counters
/// only when a listener asks, so the hot path pays nothing for them.
/// </summary>
internal sealed partial class EngineMeter : IDisposable
{
    public const string MeterName = "AdminServer.Engine";
    private readonly Meter _meter = new(MeterName);

    public EngineMeter(Func<CounterSnapshot> read, Func<int> connections)
    {
        _meter.CreateObservableGauge("adminserver.connections", connections, description: "Open connections");
        foreach (var p in typeof(CounterSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.PropertyType != typeof(long)) continue;
            var getter = p.GetMethod!.CreateDelegate<Func<CounterSnapshot, long>>();
            string name = "adminserver." + SnakeCase().Replace(p.Name, "$1_$2").ToLowerInvariant();
            string? unit = p.Name.StartsWith("Bytes", StringComparison.Ordinal) ? "By" : p.Name == "WaitMicros" ? "us" : null;
            _meter.CreateObservableCounter(name, () => getter(read()), unit, p.Name);
        }
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex SnakeCase();

    public void Dispose() => _meter.Dispose();
}
