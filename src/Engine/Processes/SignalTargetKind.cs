namespace AdminServer.Engine.Processes;

/// <summary>What a signal is sent to.</summary>
public enum SignalTargetKind
{
    /// <summary>One member process (kill(pid)), or the server's own pid.</summary>
    Process,
    /// <summary>A whole managed process group (kill(-pgid)).</summary>
    Group,
    /// <summary>The server itself (e.g. HUP to reload).</summary>
    Self,
}
