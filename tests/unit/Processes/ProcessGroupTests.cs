using System.Diagnostics;
using AdminServer.Engine.Processes;
using static AdminServer.UnitTests.Processes.ProcessTestKit;

namespace AdminServer.UnitTests.Processes;

/// <summary>Real process groups: members from /proc, STOP/CONT, kill-group with and without escalation, reaping.</summary>
public class ProcessGroupTests
{
    private static readonly int OwnSid = ProcStat.TryParse(File.ReadAllText("/proc/self/stat"), out var s) ? s.Sid : -1;

    [Fact]
    public async Task A_pipeline_is_one_group_stopped_continued_and_killed_with_nothing_left()
    {
        var manager = Manager(Shell("pipeline", "sleep 600 | sleep 600"));
        int pgid = 0;
        try
        {
            pgid = Start(manager, "pipeline");
            // Both sleeps exec'd (a child forked by sh shows sh's command line until its exec).
            var group = await WaitFor(() => manager.GetGroup(pgid) is { Members.Count: 3 } g && g.Members.Count(m => m.Command == "sleep 600") == 2 ? g : null,
                "sh and both sleeps");
            Assert.All(group.Members, m => Assert.Equal(pgid, m.Pgid));
            Assert.All(group.Members, m => Assert.Equal(OwnSid, m.Sid)); // SETPGROUP, not setsid: same session
            var leader = Assert.Single(group.Members, m => m.IsLeader);
            Assert.Equal(pgid, leader.Pid);
            Assert.Equal(Environment.ProcessId, leader.Ppid);
            var sleeps = group.Members.Where(m => !m.IsLeader).ToList();
            Assert.All(sleeps, m => Assert.Equal("sleep 600", m.Command));
            Assert.All(sleeps, m => Assert.Equal(pgid, m.Ppid)); // the program's own children are found too

            Assert.Equal(SignalOutcome.Sent, manager.Signal(new SignalTarget(SignalTargetKind.Group, pgid), "STOP").Outcome);
            await WaitUntil(() => InProc(pgid) is { Count: 3 } all && all.All(p => p.State == 'T'), "every member stopped");
            Assert.Equal(SignalOutcome.Sent, manager.Signal(new SignalTarget(SignalTargetKind.Group, pgid), "CONT").Outcome);
            await WaitUntil(() => InProc(pgid) is { Count: 3 } all && all.All(p => p.State != 'T'), "every member continued");

            var result = await manager.KillGroupAsync(pgid);
            Assert.NotNull(result);
            Assert.False(result.Escalated);
            Assert.Equal(3, result.Members.Count);
            Assert.All(result.Members, m => Assert.Equal("TERM", m.EndedAfter));
            Assert.Equal("TERM", Assert.Single(result.Members, m => m.Pid == pgid).Exit?.Signal);
            Assert.Empty(result.Remaining);
            Assert.Empty(InProc(pgid)); // no member and no zombie left in /proc
            Assert.False(manager.IsManagedGroup(pgid));
        }
        finally { await Cleanup(manager, pgid); }
    }

    [Fact]
    public async Task A_member_ignoring_TERM_is_killed_by_the_escalation_after_the_grace_period()
    {
        var manager = Manager(Shell("stubborn", "trap '' TERM; sleep 600"));
        int pgid = 0;
        try
        {
            pgid = Start(manager, "stubborn");
            await WaitFor(() => manager.GetGroup(pgid) is { } g && g.Members.Any(m => m.Command == "sleep 600") ? g : null, "the sleep");

            var result = await manager.KillGroupAsync(pgid);
            Assert.NotNull(result);
            Assert.True(result.Escalated);
            Assert.InRange(result.ElapsedMs, 900, 10_000); // the 1 s grace was waited for
            Assert.NotEmpty(result.Members);
            Assert.All(result.Members, m => Assert.Equal("KILL", m.EndedAfter));
            Assert.Equal("KILL", Assert.Single(result.Members, m => m.Pid == pgid).Exit?.Signal);
            Assert.Empty(InProc(pgid));
        }
        finally { await Cleanup(manager, pgid); }
    }

    [Fact]
    public async Task An_orphan_the_program_left_behind_is_a_member_adopted_and_reaped_by_the_server()
    {
        var manager = Manager(Shell("orphaning", "(sleep 600 &); sleep 600"));
        int pgid = 0;
        try
        {
            Assert.True(manager.SubreaperEnabled);
            pgid = Start(manager, "orphaning");
            var group = await WaitFor(() => manager.GetGroup(pgid) is { } g && g.Members.Count(m => m.Command == "sleep 600") == 2 ? g : null, "both sleeps");
            var orphan = Assert.Single(group.Members, m => m.Command == "sleep 600" && m.Ppid == Environment.ProcessId);

            var result = await manager.KillGroupAsync(pgid);
            Assert.NotNull(result);
            Assert.Equal("TERM", Assert.Single(result.Members, m => m.Pid == orphan.Pid).Exit?.Signal);
            Assert.Empty(InProc(pgid));
        }
        finally { await Cleanup(manager, pgid); }
    }

    [Fact]
    public async Task A_program_that_exits_by_itself_is_reaped_with_its_status()
    {
        var manager = Manager(Shell("short", "exit 7"));
        int pgid = 0;
        try
        {
            pgid = Start(manager, "short");
            var exit = await WaitFor(() => manager.GetSnapshot().RecentExits.FirstOrDefault(e => e.Pid == pgid), "the exit to be reaped");
            Assert.Equal(7, exit.ExitCode);
            Assert.Equal("exit 7", exit.Description);
            Assert.Empty(InProc(pgid));
            Assert.False(manager.IsManagedGroup(pgid));
        }
        finally { await Cleanup(manager, pgid); }
    }

    [Fact]
    public async Task Environment_working_directory_and_log_file_are_applied()
    {
        string log = Path.Combine(Path.GetTempPath(), $"adminserver-proc-{Guid.NewGuid():N}.log");
        var program = new ProgramOptions
        {
            Name = "env", Command = "echo \"$GREETING $(pwd)\"; ls /proc/self/fd | wc -l",
            Environment = new() { ["GREETING"] = "hello" }, WorkingDirectory = "/tmp", LogFile = log,
        };
        var manager = new ProcessManager(new ProcessOptions { Programs = [program] });
        int pgid = 0;
        try
        {
            pgid = Start(manager, "env");
            await WaitFor(() => manager.GetSnapshot().RecentExits.FirstOrDefault(e => e.Pid == pgid), "the program to end");
            var lines = File.ReadAllLines(log);
            Assert.Equal("hello /tmp", lines[0]);
            // ls sees 0, 1, 2 and its own directory fd: nothing of the server leaked into the child.
            Assert.Equal("4", lines[1].Trim());
        }
        finally
        {
            await Cleanup(manager, pgid);
            File.Delete(log);
        }
    }

    [Fact]
    public async Task Reaping_never_takes_a_child_that_System_Diagnostics_Process_started()
    {
        var manager = Manager(Shell("pipeline", "sleep 600 | sleep 600"));
        int pgid = 0;
        try
        {
            pgid = Start(manager, "pipeline");
            using var other = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.3; exit 3"]))!;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(1)) { manager.ReapExited(); await Task.Delay(10); }
            Assert.True(other.WaitForExit(5000));
            Assert.Equal(3, other.ExitCode);
            Assert.DoesNotContain(manager.GetSnapshot().RecentExits, e => e.Pid == other.Id);
        }
        finally { await Cleanup(manager, pgid); }
    }
}
