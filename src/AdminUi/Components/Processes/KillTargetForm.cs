namespace AdminServer.AdminUi.Components.Processes;

/// <summary>The four meanings kill(2) gives its pid argument.</summary>
public enum KillTargetForm
{
    /// <summary>pid &gt; 0: that one process.</summary>
    OneProcess,
    /// <summary>pid = 0: every process in the caller's own process group.</summary>
    OwnGroup,
    /// <summary>pid = -1: every process the caller may signal.</summary>
    Everything,
    /// <summary>pid &lt; -1: every process in group -pid.</summary>
    Group,
}
