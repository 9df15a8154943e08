namespace AdminServer.Engine.Processes;

/// <summary>A reaped child of the server: how it ended, decoded from its waitpid status.</summary>
public sealed record ChildExit(int Pid, int Pgid, string Program, int? ExitCode, string? Signal, bool CoreDumped, DateTimeOffset At)
{
    /// <summary>"exit 0", "killed by SIGTERM", "killed by SIGKILL (core dumped)".</summary>
    public string Description =>
        Signal is not null ? $"killed by SIG{Signal}{(CoreDumped ? " (core dumped)" : "")}"
        : ExitCode is not null ? $"exit {ExitCode}"
        : "ended (reaped elsewhere, status unknown)";

    /// <summary>A child that is gone but whose status the server never got.</summary>
    public static ChildExit Unknown(int pid, int pgid, string program, DateTimeOffset at) => new(pid, pgid, program, null, null, false, at);

    /// <summary>Decodes a wait status (the WIFEXITED/WIFSIGNALED macros of sys/wait.h).</summary>
    public static ChildExit From(int pid, int pgid, string program, int status, DateTimeOffset at)
    {
        int termSig = status & 0x7f;
        if (termSig == 0) return new ChildExit(pid, pgid, program, (status >> 8) & 0xff, null, false, at);
        return new ChildExit(pid, pgid, program, null, SignalAllowlist.NameOf(termSig), (status & 0x80) != 0, at);
    }
}
