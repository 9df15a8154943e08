using AdminServer.Engine;

namespace AdminServer.AdminUi.Operations;

/// <summary>
/// What /readyz decides: ready when no graceful stop is draining the engine, every event loop ran a
/// no-op command within <see cref="LoopDeadline"/> (a loop stuck in a handler does not), and every
/// configured listener is bound. The reason for "not ready" goes to the log, never to the caller.
/// </summary>
public sealed class Readiness(ServerEngine engine, ILogger<Readiness> logger)
{
    public static readonly TimeSpan LoopDeadline = TimeSpan.FromSeconds(1);
    private string? _lastReason;

    /// <summary>Null when ready, else why not (for the log).</summary>
    public async Task<string?> CheckAsync()
    {
        string? reason = await ReasonAsync();
        // Logged when it changes, so a probe every second does not flood the log.
        if (reason != Interlocked.Exchange(ref _lastReason, reason))
        {
            if (reason is null) logger.LogInformation("Ready again");
            else logger.LogWarning("Not ready: {Reason}", reason);
        }
        return reason;
    }

    private async Task<string?> ReasonAsync()
    {
        if (engine.Draining) return "a graceful stop is draining the connections";
        var probes = await engine.ProbeLoopsAsync(LoopDeadline);
        var stuck = probes.Select((ms, i) => (ms, i)).Where(p => p.ms is null).Select(p => p.i).ToList();
        if (stuck.Count > 0) return $"loop {string.Join(", ", stuck)} did not answer within {LoopDeadline.TotalSeconds:0.#} s";
        var bound = engine.Listeners.Select(l => l.Name).ToHashSet();
        var missing = engine.CurrentOptions.Listeners.Where(l => !bound.Contains(l.Name)).Select(l => l.Name).ToList();
        if (missing.Count > 0) return $"listener {string.Join(", ", missing)} not bound";
        if (engine.Draining) return "a graceful stop is draining the connections";
        return null;
    }
}
