namespace AdminServer.AdminUi.Services;

/// <summary>
/// What one chart draws for a time range: the samples of that range, averaged into at most
/// <see cref="MaxPoints"/> buckets (an hour of half-second samples would be 7200 points per line), each
/// placed at its own time. Where there are no samples (before the history starts, while the server
/// was down) the chart shows an explicit zero stretch rather than a straight line across the gap.
/// </summary>
public static class ChartWindow
{
    public const int MaxPoints = 150;

    public static IReadOnlyList<RateSample> Points(IReadOnlyList<RateSample> samples, DateTimeOffset now, TimeSpan range, TimeSpan interval)
    {
        var start = now - range;
        var bucket = TimeSpan.FromTicks(Math.Max(interval.Ticks, range.Ticks / MaxPoints));
        var points = new List<RateSample>(MaxPoints + 8);
        var run = new List<RateSample>();
        long current = long.MinValue;
        foreach (var s in samples)
        {
            if (s.At <= start || s.At > now + interval) continue;
            long index = (s.At - start).Ticks / bucket.Ticks;
            if (index != current && run.Count > 0)
            {
                points.Add(RateSample.Mean(run));
                run.Clear();
            }
            current = index;
            run.Add(s);
        }
        if (run.Count > 0) points.Add(RateSample.Mean(run));
        return WithGaps(points, start, bucket, interval);
    }

    /// <summary>Zero points at both edges of every hole wider than a few buckets, and from the range's start to the first sample.</summary>
    private static List<RateSample> WithGaps(List<RateSample> points, DateTimeOffset start, TimeSpan bucket, TimeSpan interval)
    {
        var hole = TimeSpan.FromTicks(Math.Max(bucket.Ticks * 3, interval.Ticks * 6));
        var result = new List<RateSample>(points.Count + 8);
        if (points.Count == 0 || points[0].At - start > hole)
        {
            result.Add(RateSample.Idle(start));
            if (points.Count > 0) result.Add(RateSample.Idle(points[0].At - bucket));
        }
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0 && points[i].At - points[i - 1].At > hole)
            {
                result.Add(RateSample.Idle(points[i - 1].At + bucket));
                result.Add(RateSample.Idle(points[i].At - bucket));
            }
            result.Add(points[i]);
        }
        return result;
    }
}
