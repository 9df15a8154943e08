using System.Diagnostics;
using AdminServer.E2eTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminServer.E2eTests.Console;

/// <summary>
/// The Processes page against a real server with declared programs (its own server, the console
/// collection's Chromium): start a pipeline, stop and continue its group, kill it with confirmation,
/// and see the server refuse pid -1 in the signal dialog. What the page shows is checked against
/// /proc read by the test itself, and every group started here is killed in the cleanup.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class ProcessesPageTests(ConsoleFixture console, ProcessServerFixture processes) : IClassFixture<ProcessServerFixture>
{
    /// <summary>The page re-reads /proc every 750 ms; this leaves slack for a loaded 2-core machine.</summary>
    private static readonly LocatorAssertionsToHaveCountOptions Live = new() { Timeout = 10_000 };

    private ServerProcess Server => processes.Server;

    [Fact]
    public async Task A_pipeline_is_started_stopped_continued_and_killed_from_the_page()
    {
        bool toDocs = Environment.GetEnvironmentVariable("ADMINSERVER_SCREENSHOTS") == "docs";
        await using var s = await ConsoleSession.OpenAsync(console, Server);
        try
        {
            await s.RunAsync(async () =>
            {
                await s.LoginAsync("/processes");
                var program = s.Page.Locator("[data-testid=program-row][data-program=demo-pipeline]");
                await Expect(program).ToContainTextAsync("sleep 600 | sleep 600");

                await program.GetByTestId("start-program").ClickAsync();
                var group = s.Page.Locator("[data-testid=group][data-program=demo-pipeline]");
                await Expect(group).ToHaveCountAsync(1, Live);
                int pgid = int.Parse((await group.GetAttributeAsync("data-pgid"))!);
                var members = group.Locator("[data-testid=member]");
                // sh -c and the two sleeps of the pipeline (at least: the shell could fork more).
                await Expect(members.Nth(2)).ToBeAttachedAsync();
                await Expect(members.GetByText("sleep 600", new() { Exact = true })).ToHaveCountAsync(2, Live);
                var pids = await PidsAsync(members);
                Assert.All(pids, pid => Assert.Equal(pgid, ProcStat.Pgid(pid))); // the kernel agrees with the page
                // For the README's picture only: let the Start button's ripple fade; the test itself does not wait.
                if (toDocs) { await s.Page.Mouse.MoveAsync(0, 0); await s.Page.WaitForTimeoutAsync(1500); }
                await ConsoleSession.SaveScreenshotAsync(s.Page,
                    Path.Combine(toDocs ? Paths.Docs : Path.Combine(Paths.FailureScreenshots, "pages"), "console-processes.png"));

                // STOP the group: every member shows T (stopped), and /proc says so too.
                await group.GetByTestId("group-stop").ClickAsync();
                await Expect(group.Locator("[data-testid=member]:not([data-state=T])")).ToHaveCountAsync(0, Live);
                await Expect(group.GetByTestId("member-state").First).ToContainTextAsync("stopped");
                Assert.All(pids, pid => Assert.Equal('T', ProcStat.State(pid)));

                // CONT: running or sleeping again.
                await group.GetByTestId("group-cont").ClickAsync();
                await Expect(group.Locator("[data-testid=member][data-state=T]")).ToHaveCountAsync(0, Live);
                Assert.All(pids, pid => Assert.Contains(ProcStat.State(pid), "RS"));

                // Kill the group, confirmed in the dialog; the result names the signal each member ended by.
                await group.GetByTestId("group-kill").ClickAsync();
                await s.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Kill them" }).ClickAsync();
                var result = s.Page.GetByTestId("kill-result");
                await Expect(result).ToContainTextAsync($"Group {pgid} (demo-pipeline) killed", new() { Timeout = 15_000 });
                await Expect(result.GetByTestId("kill-member")).ToHaveCountAsync(pids.Count);
                foreach (var pid in pids)
                    await Expect(result.Locator($"[data-testid=kill-member][data-pid='{pid}']")).ToContainTextAsync("SIGTERM");
                await Expect(s.Page.Locator($"[data-testid=group][data-pgid='{pgid}']")).ToHaveCountAsync(0, Live);
                await WaitUntilAsync(() => ProcStat.InGroup(pgid).Count == 0, $"processes of group {pgid} are still in /proc");
                await Expect(s.Page.Locator($"[data-testid=exit-row][data-pid='{pgid}']")).ToContainTextAsync("killed by SIGTERM");

                // Same audit lines as the API, with the console user as actor.
                foreach (var action in new[] { "start program demo-pipeline", $"SIGSTOP to group {pgid}", $"SIGCONT to group {pgid}", $"kill group {pgid} (demo-pipeline)" })
                    await WaitUntilAsync(() => Server.Output.Contains($"by admin@127.0.0.1 (console): {action}"), $"no audit line for '{action}'");
            });
        }
        finally { await KillEveryGroupAsync(); }
    }

    [Fact]
    public async Task The_signal_dialog_shows_the_servers_refusal_of_pid_minus_one_and_zero()
    {
        await using var s = await ConsoleSession.OpenAsync(console, Server);
        await s.RunAsync(async () =>
        {
            await s.LoginAsync("/processes");
            await s.Page.GetByTestId("open-signal-dialog").ClickAsync();
            var dialog = s.Page.Locator(".mud-dialog");
            // The kill(2) target forms are explained before anything is sent.
            await Expect(dialog.GetByTestId("kill-forms")).ToContainTextAsync("every process the caller has permission to signal");
            await Expect(dialog.GetByTestId("kill-forms")).ToContainTextAsync("caller's own process group");

            var id = dialog.Locator("#signal-id");
            await id.FillAsync("-1");
            await Expect(dialog.Locator("[data-testid=kill-form][data-form=Everything]")).ToHaveClassAsync("kill-form-current");
            await dialog.GetByTestId("signal-send").ClickAsync();
            var refusal = dialog.GetByTestId("signal-result");
            await Expect(refusal).ToContainTextAsync("Refused by the server");
            // The manager's own text (TargetPolicy.PidMinusOne), as the API's problem detail says it.
            await Expect(refusal).ToContainTextAsync("pid -1 is refused: kill(-1, sig) signals every process the caller has permission to signal");
            await ConsoleSession.SaveScreenshotAsync(s.Page, Path.Combine(Paths.FailureScreenshots, "pages", "console-processes-signal.png"));

            // A result answers the request as sent: changing the target drops it.
            await id.FillAsync("0");
            await Expect(refusal).ToHaveCountAsync(0);
            await dialog.GetByTestId("signal-send").ClickAsync();
            await Expect(refusal).ToContainTextAsync("pid 0 is refused: kill(0, sig) signals every process in the caller's own process group");

            await WaitUntilAsync(() => Server.Output.Contains("by admin@127.0.0.1 (console): SIGTERM to process -1 -> refused: pid -1 is refused"),
                "the refusal of pid -1 is not in the audit log");
        });
    }

    private static async Task<List<int>> PidsAsync(ILocator members)
    {
        var pids = new List<int>();
        foreach (var m in await members.AllAsync()) pids.Add(int.Parse((await m.GetAttributeAsync("data-pid"))!));
        return pids;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail(failure);
            await Task.Delay(50);
        }
    }

    /// <summary>Cleanup whatever a failed test left running: every managed group of this server, through the API.</summary>
    private async Task KillEveryGroupAsync()
    {
        var state = await Server.GetJsonAsync("/api/processes");
        foreach (var g in state.GetProperty("groups").EnumerateArray())
            await Server.Api.PostAsync($"/api/groups/{g.GetProperty("pgid").GetInt32()}/kill", null);
    }
}
