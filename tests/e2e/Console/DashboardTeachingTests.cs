using System.Text;
using System.Text.RegularExpressions;
using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The Dashboard teaches what it shows: each control explains itself, refusals are readable, charts have real axes.</summary>
[Collection(ConsoleCollection.Name)]
public class DashboardTeachingTests(ConsoleFixture fixture)
{
    private static readonly string[] Controls = ["concurrency", "poller", "trigger", "oneshot", "event-model"];
    private static readonly string[] Charts = ["chart-connections", "chart-bytes", "chart-waits", "chart-fds", "chart-events", "chart-eagain", "chart-collisions"];

    [Fact]
    public async Task Each_engine_control_has_its_explanation_and_what_to_expect_opens_on_a_tap()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            foreach (var id in Controls)
            {
                var control = s.Page.GetByTestId(id);
                await Expect(control.GetByTestId("explain")).Not.ToBeEmptyAsync();
                Assert.True((await control.GetByTestId("explain").InnerTextAsync()).Length > 60, $"{id}: the explanation is too short to teach anything");
                await Expect(control.GetByTestId("hint-text")).ToHaveCountAsync(0);
                await control.GetByTestId("hint-toggle").ClickAsync();
                await Expect(control.GetByTestId("hint-text")).ToContainTextAsync("What to expect:");
            }
            await Expect(s.Page.GetByTestId("trigger").GetByTestId("explain")).ToContainTextAsync("Edge-triggered");
            await Expect(s.Page.GetByTestId("explain-panel").Locator("li").First).Not.ToBeEmptyAsync();
            // Listeners, the idle timeout and the timer structure in force are shown.
            await Expect(s.Page.Locator("[data-testid=listener][data-name=echo]")).ToContainTextAsync("127.0.0.1:");
            await Expect(s.Page.GetByTestId("engine-config")).ToContainTextAsync("Idle timeout");
            await Expect(s.Page.GetByTestId("engine-config")).ToContainTextAsync((await s.Server.GetJsonAsync("/api/engine")).GetProperty("timer").GetString()!);
        });
    }

    [Fact]
    public async Task A_refused_poller_switch_shows_the_reason_and_changes_nothing_and_poll_scans_every_fd()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var idle = new List<EchoClient>();
        try
        {
            await s.RunAsync(async () =>
            {
                await s.LoginAsync();
                Assert.Equal("ET", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("trigger").GetString());
                await s.Page.GetByTestId("poller").GetByText("poll", new() { Exact = true }).ClickAsync();
                await Expect(s.Page.GetByTestId("switch-refused")).ToContainTextAsync("409");
                await Expect(s.Page.GetByTestId("switch-refused")).ToContainTextAsync("level-triggered");
                Assert.Equal("Epoll", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("poller").GetString());

                // LT first, then poll is accepted: with 20 idle connections and one busy, each poll call examines all of them.
                for (int i = 0; i < 20; i++) idle.Add(await EchoClient.ConnectAsync(s.Server.EchoPort));
                await s.Page.GetByTestId("trigger").GetByText("LT", new() { Exact = true }).ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("LT/Reactor");
                await s.Page.GetByTestId("poller").GetByText("poll", new() { Exact = true }).ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("on Poll");
                Assert.Equal("Poll", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("poller").GetString());
                await using (await EchoPump.StartAsync(s.Server.EchoPort))
                {
                    // Each loop scans its own share of the connections; at least 10 of the 20 idle ones per poll call.
                    await s.Page.WaitForFunctionAsync("() => parseFloat(document.querySelector('[data-testid=stat-fds] .stat-value').innerText) >= 10",
                        null, new() { Timeout = 10_000 });
                    await Expect(s.Page.GetByTestId("explain-panel")).ToContainTextAsync("grows with each idle connection");
                }
            });
        }
        finally
        {
            foreach (var c in idle) c.Dispose();
            (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"poller":"Epoll","trigger":"ET","oneShot":false}""",
                Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Next_to_the_event_model_the_system_calls_per_request_fall_under_io_uring()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var pumps = new List<EchoPump>();
        try
        {
            // Several busy connections: io_uring's gain is batching a whole turn's reads and writes into one call.
            for (int i = 0; i < 8; i++) pumps.Add(await EchoPump.StartAsync(s.Server.EchoPort));
            await s.RunAsync(async () =>
            {
                await s.LoginAsync();
                const string value = "parseFloat(document.querySelector('[data-testid=syscalls-per-run] b').innerText)";
                // A readiness model: a share of the wait, a recv and a send per request, and the ET recv that says EAGAIN.
                await s.Page.WaitForFunctionAsync($"() => {value} >= 2", null, new() { Timeout = 10_000 });
                double readiness = await s.Page.EvaluateAsync<double>($"() => {value}");
                await s.Page.GetByTestId("event-model").GetByText("io_uring", new() { Exact = true }).ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("IoUring");
                await s.Page.WaitForFunctionAsync($"() => {value} < {readiness / 2}", null, new() { Timeout = 10_000 });
                await Expect(s.Page.GetByTestId("syscalls-per-run")).ToContainTextAsync("io_uring_enter");
            });
        }
        finally
        {
            foreach (var p in pumps) await p.DisposeAsync();
            (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"eventModel":"Reactor"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Charts_have_numbered_axes_a_time_axis_a_unit_and_values_on_hover()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await using var pump = await EchoPump.StartAsync(s.Server.EchoPort);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            foreach (var id in Charts)
            {
                // At least two numbers up the y axis and two times along the x axis (the chart lays itself out once it knows its size).
                var texts = s.Page.GetByTestId(id).Locator("svg text");
                await Expect(texts.Filter(new() { HasTextRegex = new Regex(@"^\s*\d[\d,.]*\s*$") }).Nth(1)).ToBeAttachedAsync();
                await Expect(texts.Filter(new() { HasTextRegex = new Regex(@"^\s*\d\d:\d\d(:\d\d)?\s*$") }).Nth(1)).ToBeAttachedAsync();
            }
            var waits = string.Join("|", await s.Page.GetByTestId("chart-waits").Locator("svg text").AllTextContentsAsync());
            Assert.Contains("calls/s", waits);

            // The 1-minute range, then a value on hover: the series, its value with its unit, and the time.
            await s.Page.GetByTestId("chart-range").GetByText("1 min").ClickAsync();
            await Expect(s.Page.GetByTestId("chart-waits").Locator("svg text").Filter(new() { HasTextRegex = new Regex(@"^\d\d:\d\d:\d\d$") }).First).ToBeAttachedAsync();
            await s.Page.GetByTestId("chart-waits").Locator("svg circle").Last.HoverAsync(new() { Force = true });
            await Expect(s.Page.GetByTestId("chart-waits").Locator(".mud-charts-tooltip")).ToContainTextAsync(new Regex(@"waits: [\d.,]+ (k |M )?calls/s"));
        });
    }
}
