namespace AdminServer.Engine.Processes;

/// <summary>The fields of /proc/[pid]/stat the process manager uses (proc(5)).</summary>
public readonly record struct ProcStat(int Pid, string Comm, char State, int Ppid, int Pgid, int Sid, ulong StartTicks)
{
    public bool IsZombie => State is 'Z' or 'X';

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
