using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class EventsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_filter_that_matches_nothing_says_so_rather_than_that_nothing_happened()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/events"); // the login itself is an event
            await Expect(s.Page.GetByTestId("events-table").Locator("tbody tr").First).ToContainTextAsync("auth");
            await s.Page.GetByPlaceholder("Filter: category, who, what, result").FillAsync("no-such-event-zz");
            await Expect(s.Page.GetByTestId("events-empty")).ToContainTextAsync("No event matches \"no-such-event-zz\"");
            await Expect(s.Page.GetByTestId("explain-panel")).ToContainTextAsync("in the last hour");
        });
    }
}
