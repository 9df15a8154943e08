namespace AdminServer.Engine.Processes;

/// <summary>The supervisor's record of one declared program (Supervisor's Subprocess): guarded by the manager's lock.</summary>
internal sealed class ProgramRuntime(ProgramOptions options, DateTimeOffset now)
{
    public ProgramOptions Options { get; set; } = options;
    public ProgramLog? Log { get; set; }
    public ProgramState State { get; private set; } = ProgramState.Stopped;
    public DateTimeOffset StateSince { get; private set; } = now;
    /// <summary>The current instance's group (its leader's pid), while it has one.</summary>
    public int? Pgid { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>Failed starts in a row; reset when a start reaches RUNNING or an operator starts it.</summary>
    public int Backoff { get; set; }
    public DateTimeOffset RetryAt { get; set; }
    /// <summary>EXITED and to be started again (Autorestart).</summary>
    public bool RestartPending { get; set; }
    public int Restarts { get; set; }
    public ChildExit? LastExit { get; set; }
    /// <summary>Why it is in its state when that is not obvious (a spawn error, "Exited too quickly").</summary>
    public string? Note { get; set; }
    /// <summary>EXITED with an expected exit code.</summary>
    public bool ExpectedExit { get; set; }

    public void Enter(ProgramState state, DateTimeOffset now, string? note = null)
    {
        State = state;
        StateSince = now;
        Note = note;
    }

    /// <summary>The instance is up (STARTING, RUNNING or being stopped).</summary>
    public bool IsUp => State is ProgramState.Starting or ProgramState.Running or ProgramState.Stopping;
}
