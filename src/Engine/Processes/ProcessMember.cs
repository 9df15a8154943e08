namespace AdminServer.Engine.Processes;

/// <summary>One process of a managed group as /proc shows it now.</summary>
public sealed record ProcessMember(int Pid, int Ppid, int Pgid, int Sid, string State, string StateName, string Command, bool IsLeader)
{
    internal static ProcessMember From(ProcStat s)
    {
        var argv = ProcFs.CommandLine(s.Pid);
        // Zombies have no cmdline any more; ps shows their comm in brackets too.
        string command = argv.Count > 0 ? string.Join(' ', argv) : $"[{s.Comm}]";
        return new ProcessMember(s.Pid, s.Ppid, s.Pgid, s.Sid, s.State.ToString(), s.StateName, command, s.Pid == s.Pgid);
    }
}
