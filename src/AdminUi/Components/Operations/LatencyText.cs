using System.Globalization;

namespace AdminServer.AdminUi.Components.Operations;

/// <summary>A latency bucket bound in µs as the console shows it: "≤ 250 µs", "≤ 2.5 ms", "> 10 s", "—" when nothing was served.</summary>
public static class LatencyText
{
    public static string Of(double? micros) => micros switch
    {
        null => "—",
        double.PositiveInfinity => "> 10 s",
        < 1000 => $"≤ {micros.Value.ToString("0.#", CultureInfo.InvariantCulture)} µs",
        < 1_000_000 => $"≤ {(micros.Value / 1000).ToString("0.#", CultureInfo.InvariantCulture)} ms",
        _ => $"≤ {(micros.Value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture)} s",
    };
}
