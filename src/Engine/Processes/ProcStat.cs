namespace AdminServer.Engine.Processes;

/// <summary>The fields of /proc/[pid]/stat the process manager uses (proc(5)).</summary>
public readonly record struct ProcStat(int Pid, string Comm, char State, int Ppid, int Pgid, int Sid, ulong StartTicks)
{
    public bool IsZombie => State is 'Z' or 'X';

    /// <summary>CPU time in user and kernel mode, in clock ticks (fields 14 and 15; USER_HZ, 100 a second).</summary>
    public ulong CpuTicks { get; init; }

    /// <summary>Resident set size in pages (field 24).</summary>
    public long RssPages { get; init; }

    /// <summary>The wait status of a zombie (field 52, Linux 3.5+); null for a live process or when absent.</summary>
    public int? ExitStatus { get; init; }

    /// <summary>
    /// Parses one stat line. The comm field is in parentheses and may itself contain spaces and
    /// parentheses, so the fixed fields are read after the LAST ')'.
    /// </summary>
    public static bool TryParse(string line, out ProcStat stat)
    {
        stat = default;
        int open = line.IndexOf('(');
        int close = line.LastIndexOf(')');
        if (open <= 0 || close < open || close + 2 > line.Length) return false;
        if (!int.TryParse(line.AsSpan(0, open).Trim(), out int pid)) return false;
        var fields = line[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state) of proc(5); starttime is field 22.
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        if (!int.TryParse(fields[1], out int ppid) || !int.TryParse(fields[2], out int pgid) ||
            !int.TryParse(fields[3], out int sid) || !ulong.TryParse(fields[19], out ulong start))
            return false;
        stat = new ProcStat(pid, line[(open + 1)..close], fields[0][0], ppid, pgid, sid, start);
        // Optional fields: a short line (an old kernel, a test) still parses.
        if (fields.Length > 12 && ulong.TryParse(fields[11], out ulong utime) && ulong.TryParse(fields[12], out ulong stime))
            stat = stat with { CpuTicks = utime + stime };
        if (fields.Length > 21 && long.TryParse(fields[21], out long rss)) stat = stat with { RssPages = rss };
        if (stat.IsZombie && fields.Length > 49 && int.TryParse(fields[49], out int status)) stat = stat with { ExitStatus = status };
        return true;
    }

    public string StateName => State switch
    {
        'R' => "running",
        'S' => "sleeping",
        'D' => "disk sleep",
        'Z' => "zombie",
        'T' => "stopped",
        't' => "tracing stop",
        'X' => "dead",
        'I' => "idle",
        _ => State.ToString(),
    };
}
