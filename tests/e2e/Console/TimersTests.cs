using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class TimersTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_timers_page_shows_one_pending_timer_per_idle_connection()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var idle = new List<EchoClient>();
        try
        {
            for (int i = 0; i < 3; i++) idle.Add(await EchoClient.ConnectAsync(s.Server.EchoPort));
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/timers");
                await Expect(s.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Timers", Exact = true })).ToBeVisibleAsync();
                int connections = (await s.Server.GetJsonAsync("/api/engine")).GetProperty("connections").GetInt32();
                Assert.True(connections >= idle.Count);

                // One idle keepalive timer per connection: the count the engine reports equals its connections.
                await Expect(s.Page.GetByTestId("timer-count")).ToHaveTextAsync(connections.ToString());
                // The page draws one loop's structure (each loop has its own): a node per timer of that loop.
                var drawn = await s.Server.GetJsonAsync("/api/timers");
                await Expect(s.Page.Locator(".timer-node")).ToHaveCountAsync(drawn.GetProperty("count").GetInt32());
                await Expect(s.Page.GetByTestId("timer-structure")).ToContainTextAsync("pending");
            });
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }
    }

    [Fact]
    public async Task Switching_the_structure_from_the_page_moves_every_timer()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var idle = new List<EchoClient>();
        try
        {
            for (int i = 0; i < 3; i++) idle.Add(await EchoClient.ConnectAsync(s.Server.EchoPort));
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/timers");
                int pending = (await s.Server.GetJsonAsync("/api/timers")).GetProperty("totalCount").GetInt32();
                Assert.True(pending >= idle.Count);

                await s.Page.GetByText("Time wheel").ClickAsync();
                await Expect(s.Page.GetByTestId("timer-switch-result")).ToContainTextAsync($"{pending} timers moved to Wheel");
                var timers = await s.Server.GetJsonAsync("/api/timers");
                Assert.Equal("Wheel", timers.GetProperty("kind").GetString());
                Assert.Equal(pending, timers.GetProperty("totalCount").GetInt32());
                await Expect(s.Page.GetByTestId("timer-structure").First).ToContainTextAsync("Wheel");

                await s.Page.GetByText("Min-heap").ClickAsync(); // leave the shared server as the other tests expect it
                await Expect(s.Page.GetByTestId("timer-switch-result")).ToContainTextAsync("to Heap");
                Assert.Equal("Heap", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("timer").GetString());
            });
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }
    }
}
