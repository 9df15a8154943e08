using AdminServer.AdminUi.Api;
using AdminServer.Engine;
using AdminServer.Engine.Loop;
using AdminServer.Engine.Timers;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The one way to change the engine's pattern, poller, trigger, ONESHOT, event model or timer structure, for
/// PATCH /api/engine and the console alike (Dashboard, Threads and Timers pages): the engine call, an audit line
/// only for a real change, and a refusal kept as the engine's own reason.
/// </summary>
public sealed class EngineSwitch(ServerEngine engine, AuditLog audit)
{
    public async Task<SwitchOutcome> ApplyAsync(ModeChange change, string actor)
    {
        var before = EngineSettingsNow.Of(engine.GetState());
        ModeSwitchResult result;
        try { result = await engine.ChangeModeAsync(change); }
        catch (ModeConflictException ex) { return new SwitchOutcome(null, ex.Message, null); }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or TimeoutException or IOException)
        {
            return new SwitchOutcome(null, null, ex.Message);
        }
        if (EngineSettingsNow.Of(engine.GetState()) != before)
            audit.Add("mode", actor, $"switch to {result.Concurrency} {result.Poller} {result.Mode}",
                $"{result.RearmedFds} fds re-armed, {result.MovedConnections} connections moved, {result.ReregisteredFds} fds re-registered in {result.ElapsedMs:F2} ms");
        return new SwitchOutcome(result, null, null);
    }

    /// <summary>Moves every pending timer into a structure of another kind; audited when the kind really changed.</summary>
    public async Task<TimerSwitchResult> ChangeTimerAsync(TimerKind kind, string actor)
    {
        var before = engine.GetState().Timer;
        var result = await engine.ChangeTimerAsync(kind);
        if (kind != before) audit.Add("timer", actor, $"switch timers to {kind}", $"{result.Moved} timers moved in {result.ElapsedMs:F2} ms");
        return result;
    }
}
