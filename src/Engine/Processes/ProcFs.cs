namespace AdminServer.Engine.Processes;

/// <summary>
/// Reads processes from /proc. Every read tolerates the process vanishing in between (a pid
/// directory listed a moment ago may be gone when its files are opened).
/// </summary>
internal static class ProcFs
{
    /// <summary>Every process visible now.</summary>
    public static List<ProcStat> Scan()
    {
        var result = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !int.TryParse(name, out int pid)) continue;
            if (TryRead(pid, out var stat)) result.Add(stat);
        }
        return result;
    }

    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        if (pid <= 0) return false;
        try { return ProcStat.TryParse(File.ReadAllText($"/proc/{pid}/stat"), out stat); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>The NUL-separated argument vector; empty for zombies and kernel threads.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
