using AdminServer.AdminUi.Hosting;
using AdminServer.Engine.Config;
using Microsoft.Extensions.Configuration;

namespace AdminServer.UnitTests.Config;

public class EngineOptionsTests
{
    private static IReadOnlyList<string> Load(Dictionary<string, string?> values)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        EngineConfigLoader.Load(config, out var errors);
        return errors;
    }

    [Fact]
    public void The_shipped_appsettings_file_is_valid()
    {
        var root = AppPaths.Resolve([]).Root;
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json")).Build();
        var options = EngineConfigLoader.Load(config, out var errors);
        Assert.Empty(errors);
        Assert.Equal([7007, 9009, 8080], options.Listeners.Select(l => l.Port));
    }

    [Fact]
    public void No_engine_section_means_the_embedded_defaults()
    {
        var config = new ConfigurationBuilder().Build();
        var options = EngineConfigLoader.Load(config, out var errors);
        Assert.Empty(errors);
        Assert.Equal(["echo", "discard", "http"], options.Listeners.Select(l => l.Service));
        Assert.Equal(new ConnectionMode(TriggerMode.ET, false, EventModel.Reactor), options.Mode);
        Assert.Equal(ConcurrencyKind.LoopPerCore, options.Concurrency);
        Assert.Equal(Environment.ProcessorCount, options.EffectiveLoops);
    }

    [Fact]
    public void A_pattern_and_model_that_do_not_fit_together_are_rejected_with_the_reason()
    {
        var errors = Load(new() { ["Engine:Concurrency"] = "LeaderFollower", ["Engine:EventModel"] = "Proactor" });
        Assert.Contains(errors, e => e.Contains("Engine:Concurrency") && e.Contains("HalfSyncHalfAsync"));
    }

    [Fact]
    public void MaxConnections_must_leave_headroom_below_the_fd_limit()
    {
        var options = new EngineOptions { MaxConnections = 700 };
        Assert.Contains(options.Validate(["echo"], fdLimit: 1024, fdsInUse: 300), e => e.Contains("Engine:MaxConnections") && e.Contains("1024"));
        Assert.Empty(new EngineOptions { MaxConnections = 590 }.Validate(["echo"], fdLimit: 1024, fdsInUse: 300));
        Assert.Equal(1024 - 300 - 256, new EngineOptions().EffectiveMaxConnections(1024, 300));
        Assert.Equal(20000 - 300 - 2500, new EngineOptions().EffectiveMaxConnections(20000, 300));
    }

    [Theory]
    [InlineData("Engine:Trigger", "XT", "Engine:Trigger")]
    [InlineData("Engine:Workers", "-1", "Engine:Workers")]
    [InlineData("Engine:Workers", "many", "Engine:Workers")]
    [InlineData("Engine:ReadBudgetBytes", "10", "Engine:ReadBudgetBytes")]
    [InlineData("Engine:Listeners:0:Service", "chargen", "Engine:Listeners:0:Service")]
    [InlineData("Engine:Listeners:0:Port", "70000", "Engine:Listeners:0:Port")]
    [InlineData("Engine:Listeners:0:Address", "localhost", "Engine:Listeners:0:Address")]
    [InlineData("Engine:Tigger", "ET", "Tigger")]
    [InlineData("Engine:Concurrency", "Threads", "Engine:Concurrency")]
    [InlineData("Engine:Loops", "-1", "Engine:Loops")]
    [InlineData("Engine:Loops", "999", "Engine:Loops")]
    [InlineData("Engine:MaxConnections", "-5", "Engine:MaxConnections")]
    [InlineData("Engine:MaxPendingBytesTotal", "10", "Engine:MaxPendingBytesTotal")]
    [InlineData("Engine:Poller", "kqueue", "Engine:Poller")]
    public void A_bad_value_is_rejected_with_a_message_naming_its_key(string key, string value, string named)
    {
        var errors = Load(new()
        {
            ["Engine:Listeners:0:Name"] = "echo",
            ["Engine:Listeners:0:Service"] = "echo",
            ["Engine:Listeners:0:Address"] = "127.0.0.1",
            ["Engine:Listeners:0:Port"] = "7007",
            [key] = value,
        });
        Assert.Contains(errors, e => e.Contains(named));
    }

    [Fact]
    public void Two_listeners_on_one_port_are_rejected()
    {
        var errors = Load(new()
        {
            ["Engine:Listeners:0:Name"] = "a", ["Engine:Listeners:0:Service"] = "echo", ["Engine:Listeners:0:Port"] = "7007",
            ["Engine:Listeners:1:Name"] = "b", ["Engine:Listeners:1:Service"] = "discard", ["Engine:Listeners:1:Port"] = "7007",
        });
        Assert.Contains(errors, e => e.Contains("Engine:Listeners:1:Port"));
    }
}
