using System.Text.Json;
using AdminServer.E2eTests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The charts' history outlives the process: saved next to the audit log, read back on start.</summary>
[Collection(ConsoleCollection.Name)]
public class HistoryTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_chart_history_survives_a_restart()
    {
        var first = await ServerProcess.StartAsync();
        string config = first.ConfigFile;
        string history = ServerProcess.HistoryPathOf(config);
        DateTimeOffset restartedAt;
        try
        {
            // Saved every 10 s while the server runs (and on a clean stop; this one is killed).
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(history) && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(250);
            Assert.True(File.Exists(history), $"{history} was not written");
            first.KeepFiles = true;
        }
        finally
        {
            await first.DisposeAsync();
        }
        restartedAt = DateTimeOffset.UtcNow;
        var second = await ServerProcess.StartAsync(configFile: config);
        try
        {
            await using var hub = new HubConnectionBuilder()
                .WithUrl($"{second.BaseUrl}/hubs/engine", o => o.Headers["Authorization"] = ServerProcess.BasicAuth("admin", ServerProcess.Password).ToString())
                .Build();
            await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(15));
            var samples = await hub.InvokeAsync<JsonElement>("GetHistory");
            Assert.Contains(samples.EnumerateArray(), x => x.GetProperty("at").GetDateTimeOffset() < restartedAt);

            await using var s = await ConsoleSession.OpenAsync(fixture, second);
            await s.RunAsync(async () =>
            {
                await s.LoginAsync();
                await Expect(s.Page.GetByTestId("chart-waits").Locator("svg path").First).ToBeAttachedAsync();
            });
        }
        finally
        {
            await second.DisposeAsync();
        }
    }
}
