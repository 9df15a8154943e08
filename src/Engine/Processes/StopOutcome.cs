namespace AdminServer.Engine.Processes;

/// <summary>What happened to a stop request.</summary>
public enum StopOutcome
{
    Stopped,
    /// <summary>No program of that name is declared.</summary>
    NotDeclared,
    /// <summary>It was not running (STOPPED, EXITED without a restart pending, or FATAL).</summary>
    NotRunning,
}
