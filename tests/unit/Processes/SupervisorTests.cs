using AdminServer.Engine.Processes;
using static AdminServer.UnitTests.Processes.ProcessTestKit;

namespace AdminServer.UnitTests.Processes;

/// <summary>Supervisor's state machine over real processes: BACKOFF → FATAL, RUNNING → EXITED → restarted, stop, the captured log and its rotation.</summary>
public class SupervisorTests : IDisposable
{
    private readonly string _logs = Path.Combine(Path.GetTempPath(), $"adminserver-supervisor-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_logs)) Directory.Delete(_logs, recursive: true);
    }

    private ProcessManager Supervise(params ProgramOptions[] programs) =>
        new(new ProcessOptions { KillGraceSeconds = 1, LogDirectory = _logs, Programs = [.. programs] });

    private static ProgramInfo Info(ProcessManager m, string name) => m.GetSnapshot().Programs.Single(p => p.Name == name);

    [Fact]
    public async Task A_program_that_exits_at_once_goes_BACKOFF_with_growing_delays_then_FATAL_after_StartRetries()
    {
        using var m = Supervise(new ProgramOptions { Name = "quick", Command = "echo try; exit 2", StartSeconds = 1, StartRetries = 2 });
        int pgid = 0;
        try
        {
            pgid = Start(m, "quick");
            Assert.Contains(Info(m, "quick").State, new[] { "STARTING", "BACKOFF" }); // it may have ended already
            var backoff = await WaitFor(() => Info(m, "quick") is { State: "BACKOFF" } p ? p : null, "BACKOFF");
            Assert.Equal(1, backoff.Backoff);
            Assert.Contains("Exited too quickly (exit 2", backoff.Description);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fatal = await WaitFor(() => Info(m, "quick") is { State: "FATAL" } p ? p : null, "FATAL", seconds: 15);
            // Retries after 1 s and then 2 s: FATAL no sooner than ~3 s after the first failure.
            Assert.True(clock.Elapsed.TotalSeconds >= 2.5, $"FATAL after {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(3, fatal.Backoff);
            Assert.Equal(2, fatal.Restarts);
            Assert.Equal(2, fatal.LastExit?.ExitCode);
            await Task.Delay(1500);
            Assert.Equal("FATAL", Info(m, "quick").State); // given up: no more starts
            await WaitUntil(() => m.TryGetLog("quick", out _, out var log) && log!.Tail(10).Count(l => l == "try") == 3, "three tries in the log");

            // An operator start leaves FATAL and starts counting again.
            Start(m, "quick");
            Assert.NotEqual("FATAL", Info(m, "quick").State);
            Assert.True(Info(m, "quick").Backoff <= 1);
        }
        finally { await Cleanup(m, pgid); }
    }

    [Fact]
    public async Task A_program_dying_after_StartSeconds_is_restarted_under_Autorestart_true_and_not_under_unexpected_with_an_expected_code()
    {
        using var m = Supervise(
            new ProgramOptions { Name = "crash", Command = "sleep 0.6; exit 5", StartSeconds = 0.3, Autorestart = "true" },
            new ProgramOptions { Name = "done", Command = "sleep 0.6; exit 0", StartSeconds = 0.3, Autorestart = "unexpected" },
            new ProgramOptions { Name = "odd", Command = "sleep 0.6; exit 9", StartSeconds = 0.3, Autorestart = "unexpected", ExitCodes = [0, 9] });
        try
        {
            int first = Start(m, "crash");
            Start(m, "done");
            Start(m, "odd");
            await WaitFor(() => Info(m, "crash") is { State: "RUNNING" } p ? p : null, "RUNNING");
            var restarted = await WaitFor(() => Info(m, "crash") is { Restarts: >= 1, Pid: { } pid } p && pid != first ? p : null, "a restart", seconds: 10);
            Assert.Equal(5, restarted.LastExit?.ExitCode);
            Assert.Contains(m.GetSnapshot().RecentExits, e => e.Pid == first && e.ExitCode == 5);

            var done = await WaitFor(() => Info(m, "done") is { State: "EXITED" } p ? p : null, "done EXITED");
            Assert.Contains("(expected)", done.Description);
            var odd = await WaitFor(() => Info(m, "odd") is { State: "EXITED" } p ? p : null, "odd EXITED");
            Assert.Contains("exit 9 (expected)", odd.Description);
            await Task.Delay(1000);
            Assert.Equal("EXITED", Info(m, "done").State);
            Assert.Equal(0, Info(m, "done").Restarts);
            Assert.Equal("EXITED", Info(m, "odd").State);

            // Stopped, it stays STOPPED.
            var stop = await m.StopAsync("crash");
            Assert.Equal(StopOutcome.Stopped, stop.Outcome);
            await Task.Delay(1500);
            Assert.Equal("STOPPED", Info(m, "crash").State);
            Assert.Equal(StopOutcome.NotRunning, (await m.StopAsync("done")).Outcome);
            Assert.Equal(StopOutcome.NotDeclared, (await m.StopAsync("nope")).Outcome);
        }
        finally { await Cleanup(m); }
    }

    [Fact]
    public async Task Killing_the_running_group_is_a_stop_and_a_signal_from_outside_is_an_exit()
    {
        using var m = Supervise(new ProgramOptions { Name = "svc", Command = "sleep 600", StartSeconds = 0, Autorestart = "unexpected" });
        try
        {
            int pgid = Start(m, "svc");
            Assert.Equal("RUNNING", Info(m, "svc").State);
            // TERM from outside the supervisor: an unexpected exit, restarted.
            SignalSender.Send(pgid, SignalAllowlist.SIGTERM);
            var again = await WaitFor(() => Info(m, "svc") is { State: "RUNNING", Pid: { } p } i && p != pgid ? i : null, "the restart");
            // The kill-group action on the running instance is a stop: it is not restarted.
            Assert.NotNull(await m.KillGroupAsync(again.Pid!.Value));
            await Task.Delay(800);
            Assert.Equal("STOPPED", Info(m, "svc").State);
        }
        finally { await Cleanup(m); }
    }

    [Fact]
    public async Task Output_is_captured_rotated_at_the_cap_and_tailed_across_the_rotation()
    {
        using var m = Supervise(new ProgramOptions
        {
            Name = "chatty", StartSeconds = 0, LogMaxBytes = 4096, LogBackups = 2,
            Command = "i=0; while [ $i -lt 2000 ]; do echo \"line $i\"; i=$((i+1)); done; echo err >&2",
        });
        try
        {
            Start(m, "chatty");
            Assert.True(m.TryGetLog("chatty", out _, out var log));
            await WaitUntil(() => log!.Tail(1).SequenceEqual(["err"]), "the last line (stderr) captured");
            string path = Path.Combine(_logs, "chatty.log");
            Assert.True(new FileInfo(path).Length <= 4096);
            Assert.True(File.Exists(path + ".1"));
            Assert.True(File.Exists(path + ".2"));
            Assert.False(File.Exists(path + ".3")); // two backups kept, the oldest deleted
            var tail = log!.Tail(50);
            Assert.Equal(50, tail.Count);
            Assert.Equal("line 1951", tail[0]);
            Assert.Equal("err", tail[^1]);
        }
        finally { await Cleanup(m); }
    }

    [Fact]
    public async Task A_member_killed_directly_is_recorded_as_reaped_by_its_parent()
    {
        using var m = Supervise(new ProgramOptions { Name = "pipe", Command = "sleep 600 | sleep 600", StartSeconds = 0 });
        int pgid = 0;
        try
        {
            pgid = Start(m, "pipe");
            // Seen at least a second old (younger ones are not reported: a shell loop's children would flood the list).
            var group = await WaitFor(() => m.GetGroup(pgid) is { Members.Count: 3 } g && g.Members.Count(x => x.Command == "sleep 600" && x.UptimeSeconds >= 1.3) == 2 ? g : null,
                "both sleeps, a second old");
            Assert.All(group.Members, x => Assert.True(x.RssBytes > 0));
            var member = group.Members.First(x => !x.IsLeader);
            SignalSender.Send(member.Pid, SignalAllowlist.SIGKILL);
            var exit = await WaitFor(() => m.GetSnapshot().RecentExits.FirstOrDefault(e => e.Pid == member.Pid), "the member's exit");
            Assert.Equal(pgid, exit.ReapedBy);
            Assert.Equal("pipe", exit.Program);
        }
        finally { await Cleanup(m, pgid); }
    }
}
