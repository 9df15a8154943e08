namespace AdminServer.AdminUi.Components.Signals;

/// <summary>
/// The signals the host registers with the engine's unified signal source (Hosting/SignalHostedService, Hosting/SignalHandlers)
/// and what their handlers do, for the Signals page. Every other signal keeps its default action.
/// </summary>
public static class SignalRoutes
{
    public static readonly IReadOnlyList<SignalRoute> All =
    [
        new("SIGHUP", "re-read the configuration file and apply the difference (the same as POST /api/reload); a bad file changes nothing", true),
        new("SIGTERM, SIGINT", "graceful stop: no new connections, open ones get Engine:ShutdownGraceSeconds to finish, then the process exits", true),
        new("SIGUSR1", "write a state dump (mode, counters, every connection) to the log", true),
        new("SIGCHLD", "reap the managed children that ended (waitpid with WNOHANG, never waitpid(-1)) and record how each ended", true),
        new("SIGALRM", "tick the sorted timer list (its classic form); periodic, so not written to the audit log", false),
    ];

    /// <summary>Signals the page may send to the server itself: harmless ones whose effect shows at once.</summary>
    public static readonly IReadOnlyList<(string Name, string Why)> Try =
    [
        ("HUP", "reload the configuration"),
        ("USR1", "dump the state to the log"),
    ];
}
