using AdminServer.AdminUi.Api;
using AdminServer.Engine;
using AdminServer.Engine.Loop;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The console's way to change the engine's pattern, poller, trigger, ONESHOT or event model (the
/// Dashboard and the Threads page share it): the same engine call and the same audit line as
/// PATCH /api/engine, only for a real change, and a refusal kept as the engine's own reason.
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
}
