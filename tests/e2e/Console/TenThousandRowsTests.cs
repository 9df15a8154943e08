using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

[Collection(ConsoleCollection.Name)]
public class TenThousandRowsTests(ConsoleFixture fixture)
{
    private const int Count = 10_000;

    [Fact]
    public async Task Ten_thousand_connections_stay_a_virtualized_table()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        var sockets = new List<Socket>(Count);
        try
        {
            for (int i = 0; i < Count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, s.Server.DiscardPort);
            }
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/connections");
                await Expect(s.Page.GetByTestId("conn-count")).ToContainTextAsync(Count.ToString(), new() { Timeout = 20_000 });
                // Only the visible window of rows is in the DOM.
                int rows = await s.Page.GetByTestId("conn-table").Locator("tbody tr").CountAsync();
                Assert.InRange(rows, 1, 200);

                // Scrolling to the end renders the last rows promptly.
                var clock = Stopwatch.StartNew();
                await s.Page.GetByTestId("conn-table").Locator(".mud-table-container").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
                await Expect(s.Page.GetByTestId("conn-table").Locator("tbody tr", new() { HasText = "discard" }).Last).ToBeVisibleAsync();
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"scrolling to the end took {clock.Elapsed}");
                Assert.InRange(await s.Page.GetByTestId("conn-table").Locator("tbody tr").CountAsync(), 1, 200);
            });
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
