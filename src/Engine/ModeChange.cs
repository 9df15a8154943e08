using AdminServer.Engine.Config;
using AdminServer.Engine.Demux;

namespace AdminServer.Engine;

/// <summary>A requested runtime change; null fields keep their current value.</summary>
public sealed record ModeChange(TriggerMode? Trigger = null, bool? OneShot = null, EventModel? EventModel = null, ConcurrencyKind? Concurrency = null,
    PollerKind? Poller = null)
{
    public ConnectionMode ApplyTo(ConnectionMode current) =>
        new(Trigger ?? current.Trigger, OneShot ?? current.OneShot, EventModel ?? current.Model);
}
