using AdminServer.E2eTests.Support;

namespace AdminServer.E2eTests.Api;

public class StartupTests
{
    [Fact]
    public async Task An_invalid_config_file_stops_the_start_with_a_message_naming_the_key()
    {
        string config = ServerProcess.WriteConfig("""{ "Trigger": "Sideways", "Workers": -3 }""");
        try
        {
            using var p = ServerProcess.Launch(config);
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(2, p.ExitCode);
            Assert.Contains("Engine:Trigger", await stderr);
        }
        finally { File.Delete(config); }
    }

    [Fact]
    public async Task Without_a_configured_password_one_is_generated_and_printed_once()
    {
        string config = ServerProcess.WriteConfig();
        try
        {
            using var p = ServerProcess.Launch(config, withPassword: false);
            try
            {
                string? line;
                string? password = null;
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (password is null && DateTime.UtcNow < deadline && (line = await p.StandardOutput.ReadLineAsync()) is not null)
                    if (line.StartsWith("Generated admin password (shown once): ", StringComparison.Ordinal)) password = line[39..];
                Assert.False(string.IsNullOrWhiteSpace(password));
                Assert.True(password!.Length >= 12);
            }
            finally
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
        }
        finally { File.Delete(config); }
    }
}
