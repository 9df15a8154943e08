namespace AdminServer.Engine.Processes;

/// <summary>What happened to a start request.</summary>
public enum StartOutcome
{
    Started,
    /// <summary>No program of that name is declared in the configuration.</summary>
    NotDeclared,
    /// <summary>The program still has a running group (one instance per program, as in Supervisor).</summary>
    AlreadyRunning,
    /// <summary>posix_spawn failed (e.g. ENOENT for a missing executable or working directory).</summary>
    Failed,
    /// <summary>The server is out of file descriptors, processes or memory (EMFILE, ENFILE, EAGAIN, ENOMEM): nothing was started; a retry may work.</summary>
    Unavailable,
}
