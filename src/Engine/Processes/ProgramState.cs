namespace AdminServer.Engine.Processes;

/// <summary>
/// Supervisor's process states (supervisor/states.py): what a declared program is doing now.
/// STOPPED (not started, or stopped by an operator) → STARTING (spawned; running <c>StartSeconds</c> makes it)
/// → RUNNING. Ending while STARTING is BACKOFF (retried after 1 s, 2 s, 3 s…) and, after <c>StartRetries</c>
/// retries, FATAL. Ending while RUNNING is EXITED (restarted or not, per <c>Autorestart</c> and <c>ExitCodes</c>).
/// STOPPING while a stop's TERM → grace → KILL runs.
/// </summary>
public enum ProgramState
{
    Stopped,
    Starting,
    Running,
    Backoff,
    Stopping,
    Exited,
    Fatal,
}
