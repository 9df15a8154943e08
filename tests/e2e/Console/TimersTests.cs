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
                Assert.True(await s.Page.Locator(".timer-node").CountAsync() >= idle.Count);
                await Expect(s.Page.GetByTestId("timer-structure")).ToContainTextAsync("pending");
            });
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
        }
    }
}
