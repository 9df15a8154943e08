using System.Text.Json;
using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class DashboardTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Toggling_ET_to_LT_and_ONESHOT_off_changes_the_engine_while_an_echo_client_keeps_working()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        using var echo = await EchoClient.ConnectAsync(s.Server.EchoPort);
        using var stop = new CancellationTokenSource();
        int roundTrips = 0;
        // An echo client busy during the switches: every byte must come back, in order.
        var pump = Task.Run(async () =>
        {
            var random = new Random(7);
            var payload = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                random.NextBytes(payload);
                Assert.Equal(payload, await echo.RoundTripAsync(payload, TimeSpan.FromSeconds(10)));
                Interlocked.Increment(ref roundTrips);
            }
        });
        try
        {
            await s.RunAsync(async () =>
            {
                await s.LoginAsync();
                var state = await s.Server.GetJsonAsync("/api/engine");
                Assert.Equal("ET", state.GetProperty("trigger").GetString());
                Assert.False(state.GetProperty("oneShot").GetBoolean());

                await s.Page.GetByTestId("oneshot").Locator("input[type=checkbox]").CheckAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("ET+ONESHOT/Reactor");
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("fds re-armed");
                state = await s.Server.GetJsonAsync("/api/engine");
                Assert.True(state.GetProperty("oneShot").GetBoolean());

                await s.Page.GetByTestId("trigger").GetByText("LT", new() { Exact = true }).ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("LT+ONESHOT/Reactor");
                state = await s.Server.GetJsonAsync("/api/engine");
                Assert.Equal("LT", state.GetProperty("trigger").GetString());
                Assert.True(state.GetProperty("oneShot").GetBoolean());

                // The switches are in the audit log, attributed to the console's user.
                await s.GotoAsync("/events");
                await Expect(s.Page.GetByTestId("events-table")).ToContainTextAsync("LT+ONESHOT/Reactor");
            });
        }
        finally
        {
            stop.Cancel();
        }
        await pump;
        Assert.True(roundTrips > 0);
        var after = new byte[64 * 1024];
        new Random(9).NextBytes(after);
        Assert.Equal(after, await echo.RoundTripAsync(after, TimeSpan.FromSeconds(10)));
        // Leave the shared server as the other tests expect it.
        (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"trigger":"ET","oneShot":false}""",
            System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
