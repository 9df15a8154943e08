using System.Globalization;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Signals the server was started with set to "ignore" (nohup ignores SIGHUP, some supervisors
/// SIGINT): the runtime keeps an inherited ignore, so such a signal never reaches the unified source
/// and would be dropped without a trace. Read from /proc/self/status (SigIgn) so it can be said at start.
/// </summary>
public static class InheritedIgnoredSignals
{
    public static IReadOnlyList<int> Among(IEnumerable<int> signals)
    {
        ulong mask;
        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            if (line is null || !ulong.TryParse(line[7..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out mask)) return [];
        }
        catch (IOException) { return []; }
        return signals.Where(s => s is > 0 and <= 64 && (mask & (1UL << (s - 1))) != 0).ToList();
    }
}
