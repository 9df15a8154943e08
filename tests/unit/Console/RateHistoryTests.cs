using AdminServer.AdminUi.Services;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminServer.UnitTests.Console;

public class RateHistoryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void The_file_keeps_an_hour_at_two_second_resolution_and_reads_back_the_same_rates()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rates-{Guid.NewGuid():N}.json");
        try
        {
            var file = new RateHistoryFile(path, NullLogger.Instance);
            var samples = Enumerable.Range(0, 9000).Select(i => RateSample.Idle(Now.AddSeconds(-4500 + i * 0.5)) with
            {
                Connections = 3, WaitsPerSec = 100, FdsScannedPerWait = 7, PromotionsPerSec = 2,
            }).ToArray();
            file.Save(samples);
            Assert.True(new FileInfo(path).Length < 1024 * 1024, "the file must stay small");
            var back = file.Load();
            Assert.Equal(RateHistoryFile.MaxRows, back.Count);
            Assert.All(back, s => { Assert.Equal(100, s.WaitsPerSec); Assert.Equal(7, s.FdsScannedPerWait); Assert.Equal(2, s.PromotionsPerSec); });
            Assert.Equal(samples[^1].At.ToUnixTimeMilliseconds(), back[^1].At.ToUnixTimeMilliseconds());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_damaged_file_is_an_empty_history_not_a_failed_start()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rates-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, "[[1,2,3");
            Assert.Empty(new RateHistoryFile(path, NullLogger.Instance).Load());
            Assert.Empty(new RateHistoryFile(path + ".missing", NullLogger.Instance).Load());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Restored_samples_go_before_new_ones_and_older_than_the_span_are_dropped()
    {
        var history = new RateHistory(TimeSpan.FromMilliseconds(500));
        history.Add(RateSample.Idle(Now) with { WaitsPerSec = 3 });
        history.Restore([RateSample.Idle(Now.AddMinutes(-90)), RateSample.Idle(Now.AddMinutes(-10)) with { WaitsPerSec = 1 }], Now);
        var all = history.All();
        Assert.Equal([1, 3], all.Select(s => s.WaitsPerSec));
    }
}
