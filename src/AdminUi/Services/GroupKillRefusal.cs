namespace AdminServer.AdminUi.Services;

/// <summary>Why a kill-group request did nothing.</summary>
public enum GroupKillRefusal
{
    None,
    /// <summary>0 or negative: not a process group id (kill(0) would be the server's own group).</summary>
    InvalidPgid,
    /// <summary>No managed group has this pgid (never started here, or already gone).</summary>
    NotManaged,
}
