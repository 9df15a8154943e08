using System.Diagnostics.Metrics;

namespace AdminServer.Engine.Metrics;

/// <summary>
/// Publishes the engine's counters through System.Diagnostics.Metrics (dotnet-counters,
/// OpenTelemetry). Observable instruments read the per-thread counters only when a
/// listener asks, so the hot path pays nothing for them.
/// </summary>
internal sealed class EngineMeter : IDisposable
{
    public const string MeterName = "AdminServer.Engine";
    private readonly Meter _meter = new(MeterName);

    public EngineMeter(Func<CounterSnapshot> read, Func<int> connections)
    {
        _meter.CreateObservableGauge("adminserver.connections", connections, description: "Open connections");
        Counter("adminserver.epoll_waits", s => s.EpollWaits, "epoll_wait calls");
        Counter("adminserver.events", s => s.Events, "Events delivered by epoll_wait");
        Counter("adminserver.reads", s => s.Reads, "recv calls");
        Counter("adminserver.eagain_reads", s => s.EagainReads, "recv calls that returned EAGAIN");
        Counter("adminserver.bytes_in", s => s.BytesIn, "Bytes received", "By");
        Counter("adminserver.bytes_out", s => s.BytesOut, "Bytes sent", "By");
        Counter("adminserver.epoll_ctls", s => s.EpollCtls, "epoll_ctl calls");
        Counter("adminserver.accepts", s => s.Accepts, "Accepted connections");
        Counter("adminserver.collisions", s => s.Collisions, "Dispatches that found the connection already held by a worker");

        void Counter(string name, Func<CounterSnapshot, long> pick, string description, string? unit = null) =>
            _meter.CreateObservableCounter(name, () => pick(read()), unit, description);
    }

    public void Dispose() => _meter.Dispose();
}
