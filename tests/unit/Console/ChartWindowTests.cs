using AdminServer.AdminUi.Services;

namespace AdminServer.UnitTests.Console;

public class ChartWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private static RateSample At(double secondsAgo, double waits) => RateSample.Idle(Now.AddSeconds(-secondsAgo)) with { WaitsPerSec = waits };

    [Fact]
    public void Points_keep_their_own_times_and_an_hour_becomes_at_most_MaxPoints_plus_edges()
    {
        var samples = Enumerable.Range(0, 7200).Select(i => At(3600 - i * 0.5, i % 2)).ToArray();
        var points = ChartWindow.Points(samples, Now, TimeSpan.FromMinutes(60), Interval);
        Assert.InRange(points.Count, ChartWindow.MaxPoints - 2, ChartWindow.MaxPoints + 4);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.First.At < p.Second.At), "points must be in time order");
        Assert.All(points.Skip(2), p => Assert.InRange(p.WaitsPerSec, 0.4, 0.6)); // means of alternating 0 and 1
    }

    [Fact]
    public void A_gap_in_the_samples_is_drawn_as_zero_not_as_a_line_across_it()
    {
        // 60 s of samples, nothing for 120 s (the server was down), then 60 s again.
        var samples = Enumerable.Range(0, 120).Select(i => At(240 - i * 0.5, 10))
            .Concat(Enumerable.Range(0, 120).Select(i => At(60 - i * 0.5, 10))).ToArray();
        var points = ChartWindow.Points(samples, Now, TimeSpan.FromMinutes(5), Interval);
        var inGap = points.Where(p => p.At > Now.AddSeconds(-180) && p.At < Now.AddSeconds(-60)).ToArray();
        Assert.NotEmpty(inGap);
        Assert.All(inGap, p => Assert.Equal(0, p.WaitsPerSec));
        // And the range starts at its start, with nothing recorded before the first sample.
        Assert.Equal(Now.AddMinutes(-5), points[0].At);
        Assert.Equal(0, points[0].WaitsPerSec);
    }

    [Fact]
    public void Samples_outside_the_range_are_left_out()
    {
        var samples = new[] { At(120, 5), At(30, 7), At(10, 9) };
        var points = ChartWindow.Points(samples, Now, TimeSpan.FromMinutes(1), Interval);
        Assert.DoesNotContain(points, p => p.WaitsPerSec == 5);
        Assert.Contains(points, p => p.WaitsPerSec == 9);
    }
}
