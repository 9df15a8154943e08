using System.Globalization;
using System.Text;
using AdminServer.Engine.Metrics;

namespace AdminServer.AdminUi.Metrics;

/// <summary>
/// Writes pre-aggregated <see cref="LatencySnapshot"/>s as Prometheus histogram families (text format 0.0.4):
/// cumulative <c>_bucket{le=…}</c> series in seconds ending with <c>+Inf</c>, then <c>_sum</c> and <c>_count</c>.
/// System.Diagnostics.Metrics has no observable histogram, so these families are written here, next to the
/// exporter's output, straight from the engine's own buckets: exact, and nothing recorded twice.
/// </summary>
public static class HistogramText
{
    public static void WriteFamily(StringBuilder text, string name, string help, IEnumerable<(IReadOnlyList<(string Key, string Value)> Labels, LatencySnapshot Snapshot)> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        foreach (var (labels, s) in series)
        {
            long cumulative = 0;
            for (int i = 0; i < s.Counts.Length; i++)
            {
                cumulative += s.Counts[i];
                string le = i < s.BoundsMicros.Length ? Number(s.BoundsMicros[i] / 1e6) : "+Inf";
                Sample(text, name + "_bucket", [.. labels, ("le", le)], cumulative.ToString(CultureInfo.InvariantCulture));
            }
            Sample(text, name + "_sum", labels, Number(s.SumMicros / 1e6));
            Sample(text, name + "_count", labels, s.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Sample(StringBuilder text, string name, IReadOnlyList<(string Key, string Value)> labels, string value)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{');
            for (int i = 0; i < labels.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(labels[i].Key).Append("=\"").Append(EscapeLabel(labels[i].Value)).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(value).Append('\n');
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();

    private static string EscapeLabel(string v) => v.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string EscapeHelp(string v) => v.Replace("\\", "\\\\").Replace("\n", "\\n");
}
