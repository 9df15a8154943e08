using System.Text.Json;

namespace AdminServer.AdminUi.Services;

/// <summary>
/// The rate history on disk, so the charts still show the last hour after a restart. Small and
/// bounded: one row per <see cref="Resolution"/> (the mean of the samples in it), at most an hour's
/// worth, each row an array of numbers; rewritten whole (a temporary file renamed over it, so a crash
/// leaves the old file or the new one, never half of one). A missing or unreadable file is an empty history.
/// </summary>
public sealed class RateHistoryFile(string path, ILogger logger)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromSeconds(2);
    public const int MaxRows = 1800; // an hour at Resolution

    public string Path { get; } = path;

    public IReadOnlyList<RateSample> Load()
    {
        try
        {
            if (!File.Exists(Path)) return [];
            using var stream = File.OpenRead(Path);
            if (stream.Length > 4 * 1024 * 1024) throw new InvalidDataException($"{stream.Length} bytes is more than a history file can be");
            var rows = JsonSerializer.Deserialize<double[][]>(stream) ?? [];
            return rows.Where(r => r.Length >= 11).TakeLast(MaxRows).Select(FromRow).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or ArgumentException)
        {
            logger.LogWarning("Chart history {Path} could not be read, starting empty: {Error}", Path, e.Message);
            return [];
        }
    }

    public void Save(IReadOnlyList<RateSample> samples)
    {
        try
        {
            var rows = Downsample(samples).TakeLast(MaxRows).Select(ToRow).ToArray();
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            string temporary = $"{Path}.{Environment.ProcessId}.tmp";
            File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(rows));
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Chart history {Path} could not be written: {Error}", Path, e.Message);
        }
    }

    /// <summary>The mean of each <see cref="Resolution"/>-long run of samples.</summary>
    public static IEnumerable<RateSample> Downsample(IReadOnlyList<RateSample> samples)
    {
        var run = new List<RateSample>();
        foreach (var s in samples)
        {
            if (run.Count > 0 && s.At - run[0].At >= Resolution)
            {
                yield return RateSample.Mean(run);
                run.Clear();
            }
            run.Add(s);
        }
        if (run.Count > 0) yield return RateSample.Mean(run);
    }

    private static double[] ToRow(RateSample s) =>
        [s.At.ToUnixTimeMilliseconds(), s.Connections, s.BytesInPerSec, s.BytesOutPerSec, s.WaitsPerSec, s.EventsPerWait,
         s.EagainReadsPerSec, s.CollisionsPerSec, s.AcceptsPerSec, s.ClosesPerSec, s.FdsScannedPerWait,
         s.WaitMicrosPerWait, s.ReadsPerSec, s.WritesPerSec, s.EpollCtlsPerSec, s.StaleEventsPerSec, s.DispatchesPerSec,
         s.InlineRunsPerSec, s.WorkerRunsPerSec, s.HandlerRunsPerSec, s.PromotionsPerSec];

    // Columns past the eleventh are optional: a file from an older build still loads.
    private static RateSample FromRow(double[] r) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds((long)r[0]), (int)r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
        {
            FdsScannedPerWait = r[10],
            WaitMicrosPerWait = At(r, 11), ReadsPerSec = At(r, 12), WritesPerSec = At(r, 13), EpollCtlsPerSec = At(r, 14),
            StaleEventsPerSec = At(r, 15), DispatchesPerSec = At(r, 16), InlineRunsPerSec = At(r, 17), WorkerRunsPerSec = At(r, 18),
            HandlerRunsPerSec = At(r, 19), PromotionsPerSec = At(r, 20),
        };

    private static double At(double[] row, int i) => i < row.Length && double.IsFinite(row[i]) ? row[i] : 0;
}
