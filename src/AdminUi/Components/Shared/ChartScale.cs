using System.Globalization;

namespace AdminServer.AdminUi.Components.Shared;

/// <summary>
/// The y axis of one chart: the unit the values are shown in (scaled so the ticks are small whole
/// numbers: KiB/s, not 1,048,576 B/s), the tick step (1, 2 or 5 × 10ⁿ, as MudBlazor's ticks are whole
/// numbers) and how a value reads in a tooltip.
/// </summary>
public sealed record ChartScale(double Divisor, string Unit, int Step)
{
    private static readonly string[] ByteUnits = ["B/s", "KiB/s", "MiB/s", "GiB/s"];

    public static ChartScale For(ChartUnit unit, double max, string countUnit)
    {
        (double divisor, string label) = unit switch
        {
            ChartUnit.BytesPerSecond => Bytes(max),
            ChartUnit.PerSecond => max >= 1e6 ? (1e6, $"M {countUnit}") : max >= 1e4 ? (1e3, $"k {countUnit}") : (1, countUnit),
            _ => (1, countUnit),
        };
        return new ChartScale(divisor, label, NiceStep(max / divisor / 4));
    }

    public string Format(double scaled) => scaled.ToString(scaled >= 100 || Math.Abs(scaled % 1) < 1e-9 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static (double, string) Bytes(double max)
    {
        int i = 0;
        double d = 1;
        while (max / d >= 10 * 1024 && i < ByteUnits.Length - 1) { d *= 1024; i++; }
        return (d, ByteUnits[i]);
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50… not below <paramref name="raw"/>.</summary>
    public static int NiceStep(double raw)
    {
        if (raw <= 1 || double.IsNaN(raw)) return 1;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (var m in new[] { 1, 2, 5, 10 })
            if (m * magnitude >= raw) return (int)Math.Min(int.MaxValue / 2, m * magnitude);
        return (int)Math.Min(int.MaxValue / 2, 10 * magnitude);
    }
}
