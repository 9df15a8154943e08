namespace AdminServer.Engine.Metrics;

/// <summary>
/// A latency histogram at one moment: <see cref="Counts"/> has one entry per bound in
/// <see cref="BoundsMicros"/> (observations ≤ that bound and above the previous one) plus a last one
/// for everything above the largest bound.
/// </summary>
public sealed record LatencySnapshot(double[] BoundsMicros, long[] Counts, long Count, double SumMicros)
{
    /// <summary>The upper bound of the bucket holding quantile <paramref name="q"/> (0-1), in microseconds; null when empty.</summary>
    public double? Quantile(double q)
    {
        if (Count == 0) return null;
        long rank = (long)Math.Ceiling(q * Count), seen = 0;
        for (int i = 0; i < Counts.Length; i++)
        {
            seen += Counts[i];
            if (seen >= rank) return i < BoundsMicros.Length ? BoundsMicros[i] : double.PositiveInfinity;
        }
        return double.PositiveInfinity;
    }
}
