using System.Globalization;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// CPU time of one thread of this process from /proc/self/task/TID/stat (utime + stime, fields 14
/// and 15, in clock ticks). Read by the monitor on its own timer, never on an engine loop: a /proc
/// read is a system call and a small file parse, which a loop must not pay.
/// </summary>
public static class ThreadCpu
{
    /// <summary>USER_HZ: 100 on every mainstream Linux architecture (sysconf(_SC_CLK_TCK)).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The thread's CPU seconds so far, or null when it is gone (or not on Linux).</summary>
    public static double? Seconds(int tid)
    {
        if (tid <= 0) return null;
        string text;
        try { text = File.ReadAllText($"/proc/self/task/{tid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        int close = text.LastIndexOf(')');
        if (close < 0) return null;
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        if (fields.Length < 13
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out long utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out long stime))
            return null;
        return (utime + stime) / TicksPerSecond;
    }
}
