namespace AdminServer.Engine.Processes;

/// <summary>A reaped child of the server: how it ended, decoded from its waitpid status.</summary>
public sealed record ChildExit(int Pid, int Pgid, string Program, int? ExitCode, string? Signal, bool CoreDumped, DateTimeOffset At)
{
    /// <summary>Set for a member that its own parent reaped (the server saw it vanish from /proc): that parent's pid.</summary>
    public int? ReapedBy { get; init; }

    /// <summary>"exit 0", "killed by SIGTERM", "killed by SIGKILL (core dumped)".</summary>
    public string Description =>
        (Signal is not null ? $"killed by SIG{Signal}{(CoreDumped ? " (core dumped)" : "")}"
        : ExitCode is not null ? $"exit {ExitCode}"
        : ReapedBy is not null ? "ended, status unknown" : "ended (reaped elsewhere, status unknown)")
        + (ReapedBy is { } parent ? $" (reaped by its parent, pid {parent})" : "");

    /// <summary>
    /// A member that left /proc without the server reaping it: its parent did. The status is known only when a
    /// scan caught it as a zombie (/proc/[pid]/stat field 52).
    /// </summary>
    internal static ChildExit Vanished(ProcStat last, string program, DateTimeOffset at) =>
        (last.ExitStatus is { } status ? From(last.Pid, last.Pgid, program, status, at) : Unknown(last.Pid, last.Pgid, program, at))
            with { ReapedBy = last.Ppid };

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
