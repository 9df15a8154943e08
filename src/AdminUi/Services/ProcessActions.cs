using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The one path by which the API and the console change managed processes: start a declared
/// program, send a signal, kill a group — each decided by the <see cref="ProcessManager"/> and
/// written to the audit log with the caller as actor. Keeping it in one place means a click in the
/// console and a curl are refused by the same rules and leave the same audit line.
/// </summary>
public sealed class ProcessActions(ProcessManager manager, AuditLog audit)
{
    public StartResult Start(string program, string actor)
    {
        var result = manager.Start(program);
        audit.Add("process", actor, $"start program {program}",
            result.Outcome == StartOutcome.Started ? $"started as group {result.Group!.Pgid}" : $"{result.Outcome}: {result.Detail}");
        return result;
    }

    /// <summary>Supervisor's stop (TERM, grace, KILL on the running instance; a pending retry or restart cancelled).</summary>
    public async Task<StopResult> StopAsync(string program, string actor, CancellationToken cancellationToken = default)
    {
        var result = await manager.StopAsync(program, cancellationToken);
        audit.Add("process", actor, $"stop program {program}", $"{result.Outcome}: {result.Detail}");
        return result;
    }

    /// <summary>Stop (when running), then start.</summary>
    public async Task<(StopResult Stop, StartResult Start)> RestartAsync(string program, string actor, CancellationToken cancellationToken = default)
    {
        var (stop, start) = await manager.RestartAsync(program, cancellationToken);
        audit.Add("process", actor, $"restart program {program}",
            $"stop: {stop.Outcome}; start: {(start.Outcome == StartOutcome.Started ? $"started as group {start.Group!.Pgid}" : $"{start.Outcome}: {start.Detail}")}");
        return (stop, start);
    }

    /// <summary>Sends (or refuses) a signal; sent or refused, it is audited with the manager's reason.</summary>
    public SignalResult Signal(SignalTarget target, string signal, string actor)
    {
        var result = manager.Signal(target, signal);
        audit.Add("signal", actor, $"SIG{result.Signal.ToUpperInvariant()} to {target}",
            result.Refused ? $"refused: {result.Detail}" : $"{result.Outcome}{(result.Errno is null ? "" : $" ({result.Errno})")}: {result.Detail}");
        return result;
    }

    /// <summary>TERM, grace, KILL on a managed group (see <see cref="ProcessManager.KillGroupAsync"/>); refusals are audited too.</summary>
    public async Task<GroupKill> KillGroupAsync(int pgid, string actor, CancellationToken cancellationToken = default)
    {
        if (pgid <= 0)
        {
            audit.Add("signal", actor, $"kill group {pgid}", "refused: not a process group id");
            return new GroupKill(null, GroupKillRefusal.InvalidPgid, TargetPolicy.NonPositivePgid(pgid));
        }
        var result = await manager.KillGroupAsync(pgid, cancellationToken);
        if (result is null)
        {
            audit.Add("signal", actor, $"kill group {pgid}", "refused: not a managed group");
            return new GroupKill(null, GroupKillRefusal.NotManaged,
                $"{pgid} is not a managed process group (it was never started here, or all its members have ended).");
        }
        audit.Add("signal", actor, $"kill group {pgid} ({result.Program}): SIGTERM{(result.Escalated ? ", then SIGKILL" : "")}", result.Detail);
        return new GroupKill(result, GroupKillRefusal.None, result.Detail);
    }
}
