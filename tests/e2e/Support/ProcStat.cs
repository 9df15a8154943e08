namespace AdminServer.E2eTests.Support;

/// <summary>/proc/[pid]/stat read by the tests themselves, to check what the server reports against the kernel.</summary>
public static class ProcStat
{
    /// <summary>The state letter (R, S, T, Z, …): field 3 of proc(5), after the last ')' of comm.</summary>
    public static char State(int pid) => Fields(pid)[0][0];

    public static int Pgid(int pid) => int.Parse(Fields(pid)[2]);

    /// <summary>CPU time used so far, in clock ticks (100 per second): utime + stime, fields 14 and 15.</summary>
    public static long CpuTicks(int pid) { var f = Fields(pid); return long.Parse(f[11]) + long.Parse(f[12]); }

    /// <summary>Resident set size in bytes: field 24 of proc(5), in pages.</summary>
    public static long RssBytes(int pid) => long.Parse(Fields(pid)[21]) * Environment.SystemPageSize;

    /// <summary>Pids in /proc whose pgid is <paramref name="pgid"/>, zombies included.</summary>
    public static List<int> InGroup(int pgid)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try { if (Pgid(pid) == pgid) pids.Add(pid); }
            catch (IOException) { } // ended while we looked
        }
        return pids;
    }

    private static string[] Fields(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
