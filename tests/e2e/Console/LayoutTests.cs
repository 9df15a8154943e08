using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>What the console's frame does for every page: the theme is remembered, and a lost server is said readably.</summary>
[Collection(ConsoleCollection.Name)]
public class LayoutTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_theme_survives_a_reload()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            var theme = s.Page.Locator("[data-theme]");
            await Expect(theme).ToHaveAttributeAsync("data-theme", "dark");
            await s.Page.GetByTestId("theme-toggle").ClickAsync();
            await Expect(theme).ToHaveAttributeAsync("data-theme", "light");
            string light = await BodyBackground(s.Page);

            await s.Page.ReloadAsync();
            // Light from the first paint (the server read the cookie), and still light once interactive.
            await Expect(theme).ToHaveAttributeAsync("data-theme", "light");
            Assert.Equal(light, await BodyBackground(s.Page));
            await s.WaitInteractiveAsync();
            await Expect(theme).ToHaveAttributeAsync("data-theme", "light");

            // In the light theme every chart's legend reads: its text at 4.5:1, each line's colour dot at 3:1 against the card.
            foreach (var legend in await s.Page.Locator(".chart-legend").AllAsync())
                Assert.True(await legend.EvaluateAsync<double>(TextContrast.Script) >= 4.5, $"legend '{await legend.InnerTextAsync()}' is hard to read");
            foreach (var dot in await s.Page.Locator(".chart-dot").AllAsync())
            {
                double ratio = await dot.EvaluateAsync<double>(TextContrast.Script.Replace("getComputedStyle(el).color", "getComputedStyle(el).backgroundColor")
                    .Replace("for (let n = el;", "for (let n = el.parentElement;"));
                Assert.True(ratio >= 3, $"a legend colour has a contrast of {ratio:F2}:1 on the light card");
            }

            await s.Page.GetByTestId("theme-toggle").ClickAsync(); // back to dark for this context's other pages
            await Expect(theme).ToHaveAttributeAsync("data-theme", "dark");
        });
    }

    [Fact]
    public async Task When_the_server_stops_the_message_shown_is_readable_in_both_themes()
    {
        var server = await ServerProcess.StartAsync();
        await using var dark = await ConsoleSession.OpenAsync(fixture, server);
        await using var light = await ConsoleSession.OpenAsync(fixture, server);
        try
        {
            await dark.RunAsync(() => dark.LoginAsync());
            await light.RunAsync(async () =>
            {
                await light.LoginAsync();
                await light.Page.GetByTestId("theme-toggle").ClickAsync();
                await Expect(light.Page.Locator("[data-theme]")).ToHaveAttributeAsync("data-theme", "light");
            });
        }
        finally
        {
            await server.DisposeAsync(); // kills the process: both circuits lose their connection
        }
        foreach (var s in new[] { dark, light })
        {
            await s.RunAsync(async () =>
            {
                var message = s.Page.GetByTestId("reconnect-modal").Locator("p:visible").First;
                await Expect(message).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Expect(message).Not.ToBeEmptyAsync();
                double ratio = await message.EvaluateAsync<double>(TextContrast.Script);
                Assert.True(ratio >= 4.5, $"the reconnect message has a contrast of {ratio:F2}:1, below 4.5:1");
            });
        }
    }

    private static Task<string> BodyBackground(IPage page) => page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
