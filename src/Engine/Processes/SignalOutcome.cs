namespace AdminServer.Engine.Processes;

/// <summary>What happened to a signal request. The Refused* values mean nothing was sent.</summary>
public enum SignalOutcome
{
    /// <summary>kill(2) returned 0.</summary>
    Sent,
    /// <summary>kill(2) failed with ESRCH: the target ended before the signal got there. Reported, not an error.</summary>
    NoSuchProcess,
    /// <summary>kill(2) failed with another errno (e.g. EPERM).</summary>
    Failed,
    /// <summary>Not in the allowlist.</summary>
    RefusedUnknownSignal,
    /// <summary>A target form that is never allowed (pid 0, -1, other negatives, stopping the server).</summary>
    RefusedInvalidTarget,
    /// <summary>A pid that is neither the server nor a member of a managed group, or a pgid that is not managed.</summary>
    RefusedNotManaged,
}
