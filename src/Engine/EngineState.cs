using AdminServer.Engine.Config;
using AdminServer.Engine.Metrics;
using AdminServer.Engine.Timers;

namespace AdminServer.Engine;

/// <summary>The engine at one moment: its mode, size and counters, as the admin API reports it.</summary>
public sealed record EngineState(
    ConcurrencyKind Concurrency,
    string Poller,
    TriggerMode Trigger,
    bool OneShot,
    EventModel EventModel,
    TimerKind Timer,
    int IdleTimeoutSeconds,
    int Workers,
    int Connections,
    int MaxConnections,
    int WorkerQueue,
    long PendingBytes,
    IReadOnlyList<ListenerInfo> Listeners,
    IReadOnlyList<LoopInfo> Loops,
    CounterSnapshot Counters,
    DateTimeOffset At)
{
    /// <summary>The HTTP service's counters and request durations; null when no listener serves HTTP.</summary>
    public Services.Http.HttpStatsSnapshot? Http { get; init; }

    /// <summary>Whether the IoUring event model is available here, and why not when it is not.</summary>
    public IoUringStatus IoUring { get; init; } = new(Uring.UringProbe.Available, Uring.UringProbe.UnavailableReason);
}
