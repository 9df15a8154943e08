using AdminServer.AdminUi.Hosting;
using AdminServer.Engine.Config;
using Microsoft.Extensions.Configuration;

namespace AdminServer.UnitTests.Console;

public class ConfigErrorTextTests
{
    [Theory]
    [InlineData("Engine:Trigger", "XT", "Engine:Trigger must be ET or LT, not 'XT'.")]
    [InlineData("Engine:IdleTimeoutSeconds", "soon", "Engine:IdleTimeoutSeconds must be a whole number, not 'soon'.")]
    [InlineData("Engine:OneShot", "maybe", "Engine:OneShot must be true or false, not 'maybe'.")]
    [InlineData("Engine:Listeners:0:Port", "x", "Engine:Listeners:0:Port must be a whole number, not 'x'.")]
    public void A_bad_value_is_named_with_the_values_its_key_takes(string key, string value, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var error = Assert.Throws<InvalidOperationException>(() =>
            config.GetSection(EngineOptions.Section).Bind(new EngineOptions(), o => o.ErrorOnUnknownConfiguration = true));
        string text = ConfigErrorText.Describe(error, config, typeof(EngineOptions), EngineOptions.Section);
        Assert.Equal(expected, text);
        Assert.DoesNotContain("AdminServer.", text);
    }

    [Fact]
    public void An_unknown_key_is_named_without_a_type()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Engine:Foo"] = "1" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() =>
            config.GetSection(EngineOptions.Section).Bind(new EngineOptions(), o => o.ErrorOnUnknownConfiguration = true));
        Assert.Equal("'Foo' is not a setting of Engine.", ConfigErrorText.Describe(error, config, typeof(EngineOptions), EngineOptions.Section));
    }
}
