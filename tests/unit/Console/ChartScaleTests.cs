using AdminServer.AdminUi.Components.Shared;

namespace AdminServer.UnitTests.Console;

public class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(3.9, 1)]
    [InlineData(7, 2)]
    [InlineData(19, 5)]
    [InlineData(130, 50)]
    [InlineData(9000, 5000)]
    public void Ticks_are_one_two_or_five_times_a_power_of_ten(double max, int step) =>
        Assert.Equal(step, ChartScale.For(ChartUnit.Count, max, "x").Step);

    [Fact]
    public void Bytes_are_shown_in_the_unit_that_keeps_the_numbers_small()
    {
        Assert.Equal("B/s", ChartScale.For(ChartUnit.BytesPerSecond, 5000, "").Unit);
        Assert.Equal("KiB/s", ChartScale.For(ChartUnit.BytesPerSecond, 500_000, "").Unit);
        Assert.Equal("MiB/s", ChartScale.For(ChartUnit.BytesPerSecond, 500_000_000, "").Unit);
        Assert.Equal("k calls/s", ChartScale.For(ChartUnit.PerSecond, 50_000, "calls/s").Unit);
    }
}
