using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>
/// Every page renders behind the login, and its picture is saved: under tests/e2e/screenshots/pages
/// on every run, and into docs/console-*.png (the README's pictures) when
/// ADMINSERVER_SCREENSHOTS=docs is set, so a normal test run leaves the repository unchanged.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class PagesTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Every_page_renders_and_its_screenshot_is_saved()
    {
        bool toDocs = Environment.GetEnvironmentVariable("ADMINSERVER_SCREENSHOTS") == "docs";
        string dir = toDocs ? Paths.Docs : Path.Combine(Paths.FailureScreenshots, "pages");
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var clients = new List<EchoClient>();
        using var stop = new CancellationTokenSource();
        Task traffic = Task.CompletedTask;
        try
        {
            // Something to look at: a few idle connections and one busy echo client.
            for (int i = 0; i < 6; i++) clients.Add(await EchoClient.ConnectAsync(i % 3 == 2 ? s.Server.DiscardPort : s.Server.EchoPort));
            traffic = Task.Run(async () =>
            {
                var payload = new byte[16 * 1024];
                while (!stop.IsCancellationRequested) await clients[0].RoundTripAsync(payload, TimeSpan.FromSeconds(10));
            });
            await s.RunAsync(async () =>
            {
                await s.Page.GotoAsync("/login");
                await Expect(s.Page.GetByTestId("login")).ToBeVisibleAsync();
                await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(dir, "console-login.png"));

                await s.LoginAsync();
                foreach (var (path, heading, name) in new[]
                {
                    ("/", "Dashboard", "dashboard"), ("/threads", "Threads", "threads"), ("/connections", "Connections", "connections"),
                    ("/timers", "Timers", "timers"), ("/signals", "Signals", "signals"), ("/events", "Events", "events"),
                })
                {
                    await s.GotoAsync(path);
                    await Expect(s.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
                    if (name == "dashboard")
                    {
                        await Expect(s.Page.GetByTestId("stat-connections")).ToBeVisibleAsync();
                        // A few seconds of live chart for the README's picture only; the test itself does not wait.
                        if (toDocs) await s.Page.WaitForTimeoutAsync(8000);
                    }
                    if (name == "connections") await Expect(s.Page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = "127.0.0.1:" })).ToHaveCountAsync(clients.Count, new() { Timeout = 5000 });
                    if (name == "threads") await Expect(s.Page.GetByTestId("threads-table").Locator("tbody tr").First).ToBeVisibleAsync();
                    await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(dir, $"console-{name}.png"));
                    if (name == "connections")
                    {
                        // One connection's details: the drawer.
                        await s.Page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = "echo" }).First.ClickAsync();
                        await Expect(s.Page.GetByLabel("close details")).ToBeInViewportAsync(new() { Ratio = 1 });
                        await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(dir, "console-connection-detail.png"));
                    }
                }
            });

            // The dashboard as a phone shows it.
            await using var phone = await ConsoleSession.OpenAsync(fixture, viewport: ConsoleSession.Phone);
            await phone.RunAsync(async () =>
            {
                await phone.LoginAsync();
                await Expect(phone.Page.GetByTestId("stat-connections")).ToBeVisibleAsync();
                await phone.Page.ScreenshotAsync(new() { Path = Path.Combine(dir, "console-phone.png") });
            });
        }
        finally
        {
            stop.Cancel();
            await traffic.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var c in clients) c.Dispose();
        }
    }
}
