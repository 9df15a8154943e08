using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The dashboard's HTTP panel counts what the engine's HTTP service answered.</summary>
[Collection(ConsoleCollection.Name)]
public class HttpPanelTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_http_panel_counts_requests_and_refusals()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        using var web = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{s.Server.HttpPort}") };
        long before = (await s.Server.GetJsonAsync("/api/engine")).GetProperty("http").GetProperty("requests").GetInt64();
        for (int i = 0; i < 3; i++) await web.GetStringAsync("/plaintext");
        await web.GetAsync("/nope");
        await s.RunAsync(async () =>
        {
            await s.LoginAsync();
            await Expect(s.Page.GetByTestId("http-panel")).ToBeVisibleAsync();
            await Expect(s.Page.GetByTestId("http-requests")).ToHaveTextAsync((before + 4).ToString("N0"));
            await Expect(s.Page.GetByTestId("http-duration")).ToContainTextAsync("≤");
        });
    }
}
