using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Security;

/// <summary>Item 7 for the config file: a loose enum value stops the start (exit 2) with a message naming the key.</summary>
public class StrictConfigTests
{
    private static async Task AssertStartRefused(string config, string key)
    {
        using var p = ServerProcess.Launch(config);
        try
        {
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, p.ExitCode);
            Assert.Contains(key, await stderr);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true); // it started after all: the test failed, leave nothing running
        }
    }

    [Theory]
    [InlineData("""{ "Trigger": " LT" }""", "Engine:Trigger")]
    [InlineData("""{ "Trigger": "ET,LT" }""", "Engine:Trigger")]
    [InlineData("""{ "EventModel": "1" }""", "Engine:EventModel")]
    [InlineData("""{ "Timer": "Wheel " }""", "Engine:Timer")]
    public async Task A_loose_enum_in_the_config_file_stops_the_start(string engineJson, string key)
    {
        string config = ServerProcess.WriteConfig(engineJson);
        try { await AssertStartRefused(config, key); }
        finally { File.Delete(config); }
    }

    [Theory]
    [InlineData("\"AllowedHosts\": [\"*\"]", "Admin:AllowedHosts")]
    [InlineData("\"MaxFailedLogins\": 0", "Admin:MaxFailedLogins")]
    [InlineData("\"Bogus\": 1", "Bogus")]
    public async Task A_bad_admin_setting_stops_the_start(string adminJson, string key)
    {
        string config = ServerProcess.WriteConfig(adminJson: adminJson);
        try { await AssertStartRefused(config, key); }
        finally { File.Delete(config); }
    }
}
