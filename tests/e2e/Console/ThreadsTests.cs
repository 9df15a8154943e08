using System.Text;
using System.Text.RegularExpressions;
using AdminServer.E2eTests.Support;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>The Threads page: every engine thread with its live role and CPU, and the pattern switched from there.</summary>
[Collection(ConsoleCollection.Name)]
public class ThreadsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_threads_page_lists_loops_and_workers_with_cpu_and_roles_and_switches_the_pattern()
    {
        await using var s = await ConsoleSession.OpenAsync(fixture);
        await using var pump = await EchoPump.StartAsync(s.Server.EchoPort);
        try
        {
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/threads");
                var rows = s.Page.GetByTestId("threads-table").Locator("tbody tr");
                await Expect(rows.Filter(new() { HasText = "adminserver-loop-0" })).ToHaveCountAsync(1);
                await Expect(rows.Filter(new() { HasText = "adminserver-worker-0" })).ToHaveCountAsync(1);
                await Expect(rows.Filter(new() { HasText = "adminserver-loop-0" }).GetByTestId("thread-role")).ToHaveTextAsync("loop");
                foreach (var cpu in await rows.GetByTestId("thread-cpu").AllInnerTextsAsync())
                    Assert.Matches(new Regex(@"^\d+\.\d%$"), cpu.Trim());
                // The busy echo client keeps some loop thread working: its CPU shows above zero.
                await s.Page.WaitForFunctionAsync("""
                    () => [...document.querySelectorAll('[data-testid=thread-cpu]')].some(e => parseFloat(e.innerText) > 0)
                    """, null, new() { Timeout = 10_000 });
                await Expect(s.Page.GetByTestId("pattern-diagram")).ToHaveAttributeAsync("data-pattern", "LoopPerCore");

                await s.Page.GetByTestId("concurrency").GetByText("Leader/follower").ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("Now LeaderFollower");
                Assert.Equal("LeaderFollower", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("concurrency").GetString());
                await Expect(s.Page.GetByTestId("pattern-diagram")).ToHaveAttributeAsync("data-pattern", "LeaderFollower");
                await Expect(s.Page.GetByTestId("pattern-diagram")).ToContainTextAsync("promote");
                // The leader/follower threads now take turns: their roles are leader, follower or handling.
                await Expect(rows.Filter(new() { HasText = "adminserver-lf-" }).GetByTestId("thread-role")
                    .Filter(new() { HasTextRegex = new Regex("^(leader|follower|handling)$") }).First).ToBeVisibleAsync();

                await s.Page.GetByTestId("concurrency").GetByText("Loop per core").ClickAsync();
                await Expect(s.Page.GetByTestId("switch-result")).ToContainTextAsync("Now LoopPerCore");
                Assert.Equal("LoopPerCore", (await s.Server.GetJsonAsync("/api/engine")).GetProperty("concurrency").GetString());
            });
        }
        finally
        {
            (await s.Server.Api.PatchAsync("/api/engine", new StringContent("""{"concurrency":"LoopPerCore"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }
    }
}
