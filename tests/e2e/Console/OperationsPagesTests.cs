using System.Text.Json;
using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The operator's pieces of the console: the Listeners page, latency on the dashboard, program supervision and its live log.</summary>
[Collection(ConsoleCollection.Name)]
public class OperationsPagesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_listener_is_disabled_and_enabled_from_the_Listeners_page_and_latency_shows_on_the_dashboard()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var s = await ConsoleSession.OpenAsync(fixture, server);
        using var client = await EchoClient.ConnectAsync(server.EchoPort);
        await client.RoundTripAsync("ping\n"u8.ToArray(), TimeSpan.FromSeconds(5));
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/");
            var latency = s.Page.GetByTestId("listeners").Locator("[data-testid=listener][data-name=echo]");
            await Expect(latency.GetByTestId("latency-p50")).ToContainTextAsync("≤");

            await s.GotoAsync("/listeners");
            var echo = s.Page.Locator("[data-testid=listener-row][data-listener=echo]");
            await Expect(echo.GetByTestId("listener-state")).ToHaveTextAsync("enabled");
            await Expect(echo.GetByTestId("listener-open")).ToHaveTextAsync("1");
            await echo.GetByTestId("listener-disable").ClickAsync();
            await s.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
            await Expect(echo.GetByTestId("listener-state")).ToHaveTextAsync("disabled");
            var row = (await server.GetJsonAsync("/api/listeners")).EnumerateArray().Single(l => l.GetProperty("name").GetString() == "echo");
            Assert.Equal("disabled", row.GetProperty("state").GetString());
            // The open connection goes on while disabled.
            await client.RoundTripAsync("still\n"u8.ToArray(), TimeSpan.FromSeconds(5));
            await echo.GetByTestId("listener-enable").ClickAsync();
            await Expect(echo.GetByTestId("listener-state")).ToHaveTextAsync("enabled");
            await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(Paths.FailureScreenshots, "pages", "console-listeners.png"));
            var events = (await server.GetJsonAsync("/api/events")).EnumerateArray().ToList();
            Assert.Contains(events, e => e.GetProperty("action").GetString()!.StartsWith("disable listener echo", StringComparison.Ordinal)
                                         && e.GetProperty("actor").GetString()!.Contains("console", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_program_shows_its_state_is_restarted_and_stopped_and_its_log_is_tailed_live()
    {
        await using var server = await ServerProcess.StartAsync(extraSections: """
            "Processes": { "KillGraceSeconds": 1 },
            "Programs": [ { "Name": "ticker", "Command": "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done", "StartSeconds": 0.2 } ]
            """);
        await using var s = await ConsoleSession.OpenAsync(fixture, server);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/processes");
            var row = s.Page.Locator("[data-testid=supervision-row][data-program=ticker]");
            await Expect(row.GetByTestId("program-state")).ToHaveTextAsync("STOPPED");
            await s.Page.Locator("[data-testid=program-row][data-program=ticker]").GetByTestId("start-program").ClickAsync();
            await Expect(row.GetByTestId("program-state")).ToHaveTextAsync("RUNNING");
            await Expect(row.GetByTestId("program-description")).ToContainTextAsync("uptime");

            await row.GetByTestId("program-log").ClickAsync();
            var log = s.Page.GetByTestId("log-text");
            await Expect(log).ToContainTextAsync("tick 0");
            await Expect(log).ToContainTextAsync("tick 10"); // live: re-read while it runs
            await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(Paths.FailureScreenshots, "pages", "console-supervision.png"));

            int pid = Program(await server.GetJsonAsync("/api/processes")).GetProperty("pid").GetInt32();
            await row.GetByTestId("program-restart").ClickAsync();
            await WaitUntilAsync(async () => Program(await server.GetJsonAsync("/api/processes")) is var p
                && p.GetProperty("state").GetString() == "RUNNING" && p.GetProperty("pid").GetInt32() != pid, "a new instance");
            await row.GetByTestId("program-stop").ClickAsync();
            await Expect(row.GetByTestId("program-state")).ToHaveTextAsync("STOPPED");
        });
    }

    private static JsonElement Program(JsonElement processes) =>
        processes.GetProperty("programs").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ticker");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }
}
