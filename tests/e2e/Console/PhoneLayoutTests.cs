using System.Text.Json;
using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>
/// The console on a phone (390×844, touch): no page is wider than the screen, every action a page
/// offers lies within the screen's width (reachable by scrolling down only), and the things a first
/// look found broken (a 14 px filter box, clipped toggle labels, a two-line LOG OUT) stay fixed.
/// Runs against a server with a running process group, so the Processes page has its member buttons.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class PhoneLayoutTests(ConsoleFixture console, ProcessServerFixture processes) : IClassFixture<ProcessServerFixture>
{
    private static readonly string[] Pages = ["/", "/threads", "/connections", "/timers", "/signals", "/listeners", "/processes", "/events"];

    /// <summary>Every visible control's box, and whether the page itself scrolls sideways, measured in the page.</summary>
    private const string Measure = """
        () => {
          const controls = [...document.querySelectorAll('button, a[href], input, [role=button], [role=switch]')]
            .filter(e => e.offsetParent !== null && !e.closest('[hidden], .mud-drawer--closed, .mud-popover:not(.mud-popover-open)'))
            .map(e => { const r = e.getBoundingClientRect();
                        return { name: (e.getAttribute('aria-label') || e.innerText || e.getAttribute('data-testid') || e.tagName).trim().slice(0, 40),
                                 left: r.left, right: r.right, width: r.width }; })
            .filter(b => b.width > 0);
          return { pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth,
                   offscreen: controls.filter(b => b.left < -0.5 || b.right > window.innerWidth + 0.5), controls: controls.length };
        }
        """;

    [Fact]
    public async Task At_390_by_844_no_page_is_wider_than_the_screen_and_every_action_is_on_screen()
    {
        var server = processes.Server;
        await server.Api.PostAsync("/api/programs/demo-pipeline/start", null); // a group with member buttons
        var clients = new List<EchoClient>();
        try
        {
            for (int i = 0; i < 3; i++) clients.Add(await EchoClient.ConnectAsync(server.EchoPort));
            await using var s = await ConsoleSession.OpenAsync(console, server, ConsoleSession.Phone);
            await s.RunAsync(async () =>
            {
                await s.LoginAsync();
                foreach (var path in Pages)
                {
                    await s.GotoAsync(path);
                    await s.Page.Locator("h4").First.WaitForAsync();
                    if (path == "/processes") await Expect(s.Page.GetByTestId("member").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
                    if (path == "/connections") await Expect(s.Page.GetByTestId("close-connection").First).ToBeVisibleAsync();
                    await AssertFitsAsync(s.Page, path);
                }

                // The app bar stays one line: LOG OUT is an icon, not a wrapped label.
                var logout = await s.Page.GetByTestId("logout").BoundingBoxAsync();
                Assert.True(logout!.Height <= 48, $"the log out button is {logout.Height} px high");

                // The Connections filter is usable, and a row opens its detail drawer within the screen.
                await s.GotoAsync("/connections");
                var filter = await s.Page.GetByTestId("conn-filter").BoundingBoxAsync();
                Assert.True(filter!.Width >= 250, $"the filter box is {filter.Width} px wide");
                await s.Page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = "echo" }).First.ClickAsync();
                await Expect(s.Page.GetByTestId("detail-mode")).ToBeVisibleAsync();
                await Expect(s.Page.GetByLabel("close details")).ToBeInViewportAsync(new() { Ratio = 1 }); // the drawer has finished sliding in
                await AssertFitsAsync(s.Page, "/connections with its drawer");

                // Toggle labels are whole (the Timers page's "Sorted list", "Time wheel").
                await s.GotoAsync("/timers");
                var clipped = await s.Page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('.mud-toggle-item')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)
                    """);
                Assert.Empty(clipped);

                // The signal dialog, with its kill(2) table, fits too.
                await s.GotoAsync("/processes");
                await s.Page.GetByTestId("open-signal-dialog").ClickAsync();
                await Expect(s.Page.GetByTestId("kill-forms")).ToBeVisibleAsync();
                await AssertFitsAsync(s.Page, "/processes with the signal dialog");
            });
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            var groups = await server.GetJsonAsync("/api/processes");
            foreach (var g in groups.GetProperty("groups").EnumerateArray())
                await server.Api.PostAsync($"/api/groups/{g.GetProperty("pgid").GetInt32()}/kill", null);
        }
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var m = await page.EvaluateAsync<JsonElement>(Measure);
        int width = m.GetProperty("pageWidth").GetInt32(), viewport = m.GetProperty("viewport").GetInt32();
        Assert.True(width <= viewport, $"{what}: the page is {width} px wide on a {viewport} px screen");
        Assert.True(m.GetProperty("controls").GetInt32() > 0, $"{what}: no control found");
        var offscreen = m.GetProperty("offscreen").EnumerateArray().Select(b => $"{b.GetProperty("name")} at {b.GetProperty("left").GetDouble():F0}-{b.GetProperty("right").GetDouble():F0}").ToList();
        Assert.True(offscreen.Count == 0, $"{what}: controls beyond the screen's width: {string.Join("; ", offscreen)}");
    }
}
