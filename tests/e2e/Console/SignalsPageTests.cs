using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The Signals page: the unified signal source explained, and a signal sent from it seen arriving through the loop.</summary>
[Collection(ConsoleCollection.Name)]
public class SignalsPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_SIGUSR1_sent_from_the_page_shows_up_as_a_delivery()
    {
        // A server of its own: the signal's effects (a state dump in the log) must not reach the shared server's other tests.
        await using var server = await ServerProcess.StartAsync();
        await using var s = await ConsoleSession.OpenAsync(fixture, server);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/signals");
            await Expect(s.Page.GetByTestId("signal-path")).ToContainTextAsync("self-pipe");
            await Expect(s.Page.GetByTestId("signal-routes")).ToContainTextAsync("SIGHUP");
            int before = await s.Page.GetByTestId("signal-delivery").Filter(new() { HasText = "SIGUSR1 received" }).CountAsync();

            await s.Page.GetByTestId("send-usr1").ClickAsync();
            await Expect(s.Page.GetByTestId("signal-sent")).ToContainTextAsync("kill(");
            await Expect(s.Page.GetByTestId("signal-delivery").Filter(new() { HasText = "SIGUSR1 received" })).ToHaveCountAsync(before + 1, new() { Timeout = 10_000 });
            await Expect(s.Page.GetByTestId("explain-panel")).ToContainTextAsync("SIGUSR1");
        });
    }
}
