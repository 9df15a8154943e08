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

    /// <summary>USER_HZ: the unit of /proc's tick fields, 100 on every Linux architecture.</summary>
    public const int TicksPerSecond = 100;

    private static readonly Lazy<DateTimeOffset> BootTime = new(() =>
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.AsSpan(6).Trim(), out long seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(Environment.TickCount64);
    });

    /// <summary>A process's start time from its starttime field (ticks after boot).</summary>
    public static DateTimeOffset StartTime(ulong startTicks) => BootTime.Value + TimeSpan.FromSeconds(startTicks / (double)TicksPerSecond);

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
