using System.Globalization;

namespace AdminServer.AdminUi.Components.Shared;

/// <summary>Human-readable numbers for the console: bytes, rates and durations.</summary>
public static class Format
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Bytes(double value)
    {
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1) { value /= 1024; unit++; }
        return unit == 0 ? $"{value:N0} {Units[unit]}" : string.Format(CultureInfo.InvariantCulture, "{0:F1} {1}", value, Units[unit]);
    }

    public static string Rate(double perSecond) => perSecond >= 100 ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : perSecond.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds switch
    {
        < 0 => "overdue " + Duration(-span),
        < 1 => $"{span.TotalMilliseconds:F0} ms",
        < 60 => string.Format(CultureInfo.InvariantCulture, "{0:F1} s", span.TotalSeconds),
        < 3600 => $"{(int)span.TotalMinutes}m {span.Seconds:D2}s",
        _ => $"{(int)span.TotalHours}h {span.Minutes:D2}m",
    };
}
