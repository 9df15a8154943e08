namespace AdminServer.Engine.Processes;

/// <summary>One process of a managed group as /proc shows it now.</summary>
public sealed record ProcessMember(int Pid, int Ppid, int Pgid, int Sid, string State, string StateName, string Command, bool IsLeader)
{
    /// <summary>CPU time used so far (user + system), in seconds.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>CPU use since the previous look at this process, in percent of one core (null on the first look).</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Resident set size, in bytes.</summary>
    public long RssBytes { get; init; }

    /// <summary>When the process started (from its start time after boot).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Seconds since it started.</summary>
    public double UptimeSeconds { get; init; }

    internal static ProcessMember From(ProcStat s, double? cpuPercent = null)
    {
        var argv = ProcFs.CommandLine(s.Pid);
        // Zombies have no cmdline any more; ps shows their comm in brackets too.
        string command = argv.Count > 0 ? string.Join(' ', argv) : $"[{s.Comm}]";
        var started = ProcFs.StartTime(s.StartTicks);
        return new ProcessMember(s.Pid, s.Ppid, s.Pgid, s.Sid, s.State.ToString(), s.StateName, command, s.Pid == s.Pgid)
        {
            CpuSeconds = s.CpuTicks / (double)ProcFs.TicksPerSecond,
            CpuPercent = cpuPercent,
            RssBytes = s.RssPages * Environment.SystemPageSize,
            StartedAt = started,
            UptimeSeconds = Math.Max(0, (DateTimeOffset.UtcNow - started).TotalSeconds),
        };
    }
}
