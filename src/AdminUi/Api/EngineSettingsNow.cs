using AdminServer.Engine;
using AdminServer.Engine.Config;
using AdminServer.Engine.Timers;

namespace AdminServer.AdminUi.Api;

/// <summary>The switchable settings in force, compared before and after a PATCH to tell a switch from a no-op.</summary>
public readonly record struct EngineSettingsNow(ConcurrencyKind Concurrency, string Poller, TriggerMode Trigger, bool OneShot, EventModel EventModel, TimerKind Timer)
{
    public static EngineSettingsNow Of(EngineState s) => new(s.Concurrency, s.Poller, s.Trigger, s.OneShot, s.EventModel, s.Timer);
}
