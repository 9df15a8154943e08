namespace AdminServer.Engine.Processes;

/// <summary>Supervisor's autorestart: never, always, or when the exit code is not one of <c>ExitCodes</c> (or a signal ended it).</summary>
public enum AutorestartMode
{
    False,
    True,
    Unexpected,
}
