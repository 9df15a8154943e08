namespace AdminServer.Engine.Processes;

/// <summary>The answer to a signal request: what was (or was not) sent to whom, and why.</summary>
public sealed record SignalResult(SignalTarget Target, string Signal, int KillPid, SignalOutcome Outcome, string? Errno, string Detail)
{
    public bool Refused => Outcome is SignalOutcome.RefusedUnknownSignal or SignalOutcome.RefusedInvalidTarget or SignalOutcome.RefusedNotManaged;
}
