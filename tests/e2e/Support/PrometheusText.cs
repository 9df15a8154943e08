using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminServer.E2eTests.Support;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4: every line is a HELP, a TYPE, a comment or a
/// sample; metric and label names are valid; label values are quoted with only \\, \" and \n escaped; values are
/// floats (NaN, +Inf, -Inf allowed); a family's TYPE comes before its samples and once only; a sample belongs to
/// the family declared last (histogram samples by their _bucket/_sum/_count suffixes); histogram buckets are
/// cumulative, end with le="+Inf" and that bucket equals _count. Anything else throws <see cref="FormatException"/>.
/// </summary>
public sealed partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public Dictionary<string, string> Types { get; } = [];
    public List<Sample> Samples { get; } = [];

    public static PrometheusText Parse(string text)
    {
        var result = new PrometheusText();
        if (!text.EndsWith('\n')) throw new FormatException("the exposition must end with a newline");
        string? family = null;
        var seenFamilies = new HashSet<string>();
        int lineNo = 0;
        foreach (var line in text[..^1].Split('\n'))
        {
            lineNo++;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var m = MetaLine().Match(line);
                if (!m.Success)
                {
                    if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
                        throw new FormatException($"line {lineNo}: malformed {line[..6]}: {line}");
                    continue; // a plain comment
                }
                string name = m.Groups[2].Value;
                if (m.Groups[1].Value == "TYPE")
                {
                    string type = m.Groups[3].Value;
                    if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        throw new FormatException($"line {lineNo}: unknown type '{type}'");
                    if (!seenFamilies.Add(name)) throw new FormatException($"line {lineNo}: a second TYPE for {name}");
                    if (result.Samples.Any(s => FamilyOf(s.Name, name, type)))
                        throw new FormatException($"line {lineNo}: TYPE of {name} after its samples");
                    result.Types[name] = type;
                    family = name;
                }
                continue;
            }
            var sm = SampleLine().Match(line);
            if (!sm.Success) throw new FormatException($"line {lineNo}: not a sample: {line}");
            string metric = sm.Groups[1].Value;
            var labels = ParseLabels(sm.Groups[2].Success ? sm.Groups[2].Value : "", lineNo);
            double value = ParseValue(sm.Groups[3].Value, lineNo);
            // A sample of a declared family must follow that family's TYPE, not another's (no interleaving).
            var owner = result.Types.Keys.FirstOrDefault(k => FamilyOf(metric, k, result.Types[k]));
            if (owner is not null && owner != family)
                throw new FormatException($"line {lineNo}: sample {metric} of family {owner} is not next to its TYPE");
            result.Samples.Add(new Sample(metric, labels, value));
        }
        result.CheckHistograms();
        return result;
    }

    private static bool FamilyOf(string sample, string family, string type) =>
        sample == family || (type == "histogram" && (sample == family + "_bucket" || sample == family + "_sum" || sample == family + "_count"))
        || (type == "summary" && (sample == family + "_sum" || sample == family + "_count"));

    private static Dictionary<string, string> ParseLabels(string body, int lineNo)
    {
        var labels = new Dictionary<string, string>();
        int i = 0;
        while (i < body.Length)
        {
            var m = LabelName().Match(body, i);
            if (!m.Success || m.Index != i) throw new FormatException($"line {lineNo}: bad label name at {i}: {body}");
            string name = m.Groups[1].Value;
            i += m.Length;
            var value = new System.Text.StringBuilder();
            while (true)
            {
                if (i >= body.Length) throw new FormatException($"line {lineNo}: unterminated label value");
                char c = body[i++];
                if (c == '"') break;
                if (c == '\\')
                {
                    if (i >= body.Length) throw new FormatException($"line {lineNo}: dangling escape");
                    char e = body[i++];
                    value.Append(e switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw new FormatException($"line {lineNo}: invalid escape \\{e}"),
                    });
                    continue;
                }
                if (c == '\n') throw new FormatException($"line {lineNo}: raw newline in a label value");
                value.Append(c);
            }
            if (!labels.TryAdd(name, value.ToString())) throw new FormatException($"line {lineNo}: label {name} twice");
            if (i < body.Length)
            {
                if (body[i] != ',') throw new FormatException($"line {lineNo}: expected ',' between labels");
                i++;
            }
        }
        return labels;
    }

    private static double ParseValue(string v, int lineNo) => v switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw new FormatException($"line {lineNo}: bad value '{v}'"),
    };

    private void CheckHistograms()
    {
        foreach (var (family, type) in Types.Where(t => t.Value == "histogram"))
        {
            var buckets = Samples.Where(s => s.Name == family + "_bucket").ToList();
            foreach (var series in buckets.GroupBy(s => Key(s.Labels, except: "le")))
            {
                var list = series.ToList();
                if (list.Any(s => !s.Labels.ContainsKey("le"))) throw new FormatException($"{family}: a bucket without le");
                var bounds = list.Select(s => ParseValue(s.Labels["le"], 0)).ToList();
                if (!double.IsPositiveInfinity(bounds[^1])) throw new FormatException($"{family}{{{series.Key}}}: the last bucket is not +Inf");
                for (int i = 1; i < list.Count; i++)
                {
                    if (bounds[i] <= bounds[i - 1]) throw new FormatException($"{family}{{{series.Key}}}: le not increasing");
                    if (list[i].Value < list[i - 1].Value) throw new FormatException($"{family}{{{series.Key}}}: buckets not cumulative");
                }
                var count = Samples.SingleOrDefault(s => s.Name == family + "_count" && Key(s.Labels) == series.Key)
                    ?? throw new FormatException($"{family}{{{series.Key}}}: no _count");
                if (Samples.SingleOrDefault(s => s.Name == family + "_sum" && Key(s.Labels) == series.Key) is null)
                    throw new FormatException($"{family}{{{series.Key}}}: no _sum");
                if (count.Value != list[^1].Value) throw new FormatException($"{family}{{{series.Key}}}: +Inf bucket {list[^1].Value} != count {count.Value}");
            }
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> labels, string? except = null) =>
        string.Join(",", labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    /// <summary>The one sample with this name whose labels include every given pair.</summary>
    public double Value(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(s => s.Value).DefaultIfEmpty(double.NaN).Sum();

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)(?: (.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
}
