namespace AdminServer.Engine.Processes;

/// <summary>
/// The target forms kill(2) has that the console never allows, with what the kernel would do
/// with them: the explanation is the refusal message, so the console can show it as is.
/// </summary>
public static class TargetPolicy
{
    public const string PidZero =
        "pid 0 is refused: kill(0, sig) signals every process in the caller's own process group, which includes the server itself.";

    public const string PidMinusOne =
        "pid -1 is refused: kill(-1, sig) signals every process the caller has permission to signal (all of the user's processes), except init and the caller.";

    public static string NegativePid(int pid) =>
        $"pid {pid} is refused: kill({pid}, sig) signals every process in process group {-pid}; to signal a managed group use the target kind \"group\" with id {-pid}.";

    public static string NonPositivePgid(int pgid) =>
        $"group {pgid} is refused: a process group id is positive; kill(-{pgid}, sig) would mean {(pgid == 0 ? "kill(0): the server's own group" : "a pid, not a group")}.";

    public static string StopsServer(string signal) =>
        $"SIG{signal} is refused for the server: it would stop the server, and with it this console, leaving nothing to send SIGCONT.";

    /// <summary>The refusal for a pid form that is never valid, or null when the pid is positive.</summary>
    public static string? RefusePid(int pid) => pid switch
    {
        0 => PidZero,
        -1 => PidMinusOne,
        < -1 => NegativePid(pid),
        _ => null,
    };
}
