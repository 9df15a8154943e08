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

            // The table re-renders every second; on a loaded machine a click can land while the row is being replaced
            // and be dropped, so click again (a few times at most) until the confirmation shows.
            var confirm = s.Page.GetByRole(AriaRole.Button, new() { Name = "Close it" });
            for (int attempt = 0; attempt < 3 && !await confirm.IsVisibleAsync(); attempt++)
            {
                await row.GetByTestId("close-connection").ClickAsync();
                try { await confirm.WaitForAsync(new() { Timeout = 4_000 }); } catch (TimeoutException) { }
            }
            await confirm.ClickAsync();

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

    [Fact]
    public async Task A_row_opens_its_details_and_the_closed_tab_says_why_it_ended()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var client = await EchoClient.ConnectAsync(s.Server.EchoPort);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/connections");
            string remote = client.LocalEndPoint;
            var row = Row(s.Page, remote);
            await Expect(row).ToHaveCountAsync(1, Live);
            long id = (await s.Server.GetJsonAsync("/api/connections")).EnumerateArray()
                .First(c => c.GetProperty("remote").GetString() == remote).GetProperty("id").GetInt64();

            await row.ClickAsync();
            var drawer = s.Page.GetByTestId("conn-drawer");
            await Expect(drawer).ToContainTextAsync($"Connection {id}");
            var engine = await s.Server.GetJsonAsync("/api/engine");
            await Expect(drawer.GetByTestId("detail-mode")).ToContainTextAsync(engine.GetProperty("trigger").GetString()!);
            await Expect(drawer.GetByTestId("detail-loop")).ToContainTextAsync("adminserver-loop-");
            await Expect(drawer.GetByTestId("detail-timer")).ToContainTextAsync("fires in");
            await Expect(drawer.GetByTestId("detail-pending")).ToHaveTextAsync("0 B");

            // The peer goes away while the drawer is open: it turns into the close record, reason included.
            client.Dispose();
            await Expect(drawer.GetByTestId("detail-closed")).ToContainTextAsync("peer closed", new() { Timeout = 5_000 });
            await drawer.GetByLabel("close details").ClickAsync();

            await s.Page.GetByRole(AriaRole.Tab, new() { Name = "Closed" }).ClickAsync();
            var closed = s.Page.GetByTestId("closed-table").Locator("tbody tr", new() { HasText = remote });
            await Expect(closed).ToHaveCountAsync(1, Live);
            await Expect(closed.GetByTestId("closed-reason")).ToHaveTextAsync("peer closed");
        });
    }

    private static ILocator Row(IPage page, string remote) =>
        page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = remote });
}
