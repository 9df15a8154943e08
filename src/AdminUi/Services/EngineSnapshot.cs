using AdminServer.Engine.Config;
using AdminServer.Engine.Metrics;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// What the hub pushes (message "snapshot") and the console renders: aggregates, rates and
/// connection changes — never the whole connection table. <see cref="Seq"/> increases by one
/// per snapshot; a subscriber that sees a gap has missed changes and should re-fetch the table.
/// </summary>
public sealed record EngineSnapshot(
    long Seq,
    DateTimeOffset At,
    ConcurrencyKind Concurrency,
    string Poller,
    TriggerMode Trigger,
    bool OneShot,
    EventModel EventModel,
    int Workers,
    int Connections,
    int WorkerQueue,
    CounterSnapshot Counters,
    RateSample Rates,
    ConnectionChanges Changes);
