using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class ConnectionsTests(ConsoleFixture fixture)
{
    /// <summary>"Within a second" plus slack for a loaded CI machine; still a bounded wait, never a sleep.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions Live = new() { Timeout = 5_000 };

    [Fact]
    public async Task A_connection_appears_without_a_reload_and_disappears_when_it_closes()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/connections");
            var navigations = 0;
            s.Page.FrameNavigated += (_, frame) => { if (frame == s.Page.MainFrame) navigations++; };

            var client = await EchoClient.ConnectAsync(s.Server.EchoPort);
            var row = Row(s.Page, client.LocalEndPoint);
            await Expect(row).ToHaveCountAsync(1, Live);
            await Expect(row).ToContainTextAsync("echo");

            client.Dispose();
            await Expect(row).ToHaveCountAsync(0, Live);
            Assert.Equal(0, navigations);
        });
    }

    [Fact]
    public async Task Closing_a_connection_from_the_table_closes_the_socket()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        using var client = await EchoClient.ConnectAsync(s.Server.EchoPort);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/connections");
            var row = Row(s.Page, client.LocalEndPoint);
            await Expect(row).ToHaveCountAsync(1, Live);

            await row.GetByTestId("close-connection").ClickAsync();
            await s.Page.GetByRole(AriaRole.Button, new() { Name = "Close it" }).ClickAsync();

            Assert.True(await client.SeesEofAsync(TimeSpan.FromSeconds(10)), "the client did not see the server close the socket");
            await Expect(row).ToHaveCountAsync(0, Live);
            await s.GotoAsync("/events");
            await Expect(s.Page.GetByTestId("events-table")).ToContainTextAsync("close connection");
        });
    }

    [Fact]
    public async Task The_filter_narrows_the_table()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        using var a = await EchoClient.ConnectAsync(s.Server.EchoPort);
        using var b = await EchoClient.ConnectAsync(s.Server.DiscardPort);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/connections");
            await Expect(Row(s.Page, a.LocalEndPoint)).ToHaveCountAsync(1, Live);
            await Expect(Row(s.Page, b.LocalEndPoint)).ToHaveCountAsync(1, Live);

            await s.Page.GetByPlaceholder("Filter: id, service, remote, state, loop").FillAsync("discard");
            await Expect(Row(s.Page, a.LocalEndPoint)).ToHaveCountAsync(0, Live);
            await Expect(Row(s.Page, b.LocalEndPoint)).ToHaveCountAsync(1, Live);
        });
    }

    private static ILocator Row(IPage page, string remote) =>
        page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = remote });
}
