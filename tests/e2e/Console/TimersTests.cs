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

    [Fact]
    public async Task The_wheel_stays_round_with_80_timers_in_one_slot()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var burst = new List<System.Net.Sockets.Socket>();
        try
        {
            (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"timer":"Wheel"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            // Connections opened together get idle deadlines in the same 4.1 s slot of level 2; open bursts until one slot of the
            // loop the page draws (the one with the most timers) holds at least 80.
            int fullest = 0;
            for (int round = 0; round < 6 && fullest < 80; round++)
            {
                for (int i = 0; i < 100; i++)
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    burst.Add(socket);
                    await socket.ConnectAsync(System.Net.IPAddress.Loopback, s.Server.DiscardPort);
                }
                var timers = await Poll.UntilAsync(() => s.Server.GetJsonAsync("/api/timers?max=0"), t => t.GetProperty("totalCount").GetInt32() >= burst.Count);
                fullest = timers.GetProperty("levels").EnumerateArray().SelectMany(l => l.GetProperty("occupancy").EnumerateArray()).Max(o => o.GetInt32());
            }
            Assert.True(fullest >= 80, $"no wheel slot reached 80 timers (fullest {fullest})");
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/timers");
                var wheel = s.Page.GetByTestId("timer-wheel");
                await Expect(wheel.Locator(".timer-node")).ToHaveCountAsync(63); // the page draws the first 63
                await Expect(wheel.GetByTestId("timer-crowd").First).ToBeAttachedAsync();
                // Everything drawn lies inside the wheel's square, and it is scaled alike both ways (circles stay circles).
                var fit = await wheel.EvaluateAsync<double[]>("""
                    svg => { const vb = svg.viewBox.baseVal, b = svg.getBBox(), m = svg.getScreenCTM();
                             return [b.x, b.y, b.x + b.width - vb.width, b.y + b.height - vb.height, m.a / m.d]; }
                    """);
                Assert.True(fit[0] >= 0 && fit[1] >= 0, $"drawing starts outside the wheel at ({fit[0]}, {fit[1]})");
                Assert.True(fit[2] <= 0 && fit[3] <= 0, $"drawing reaches past the wheel by ({fit[2]}, {fit[3]})");
                Assert.InRange(fit[4], 0.95, 1.05);
                await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(Paths.FailureScreenshots, "pages", "console-timers-wheel-crowded.png"));
            });
        }
        finally
        {
            foreach (var socket in burst) socket.Dispose();
            (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"timer":"Heap"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
    }
}
