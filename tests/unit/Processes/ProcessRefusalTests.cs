using AdminServer.Engine.Native;
using AdminServer.Engine.Processes;
using static AdminServer.UnitTests.Processes.ProcessTestKit;

namespace AdminServer.UnitTests.Processes;

/// <summary>Everything the manager must refuse, and the errors it reports instead of throwing.</summary>
public class ProcessRefusalTests
{
    private static readonly SignalTarget Pid0 = new(SignalTargetKind.Process, 0);

    [Theory]
    [InlineData(-1, "every process")]
    [InlineData(0, "own process group")]
    [InlineData(-42, "process group 42")]
    public void Pid_forms_below_one_are_refused_with_what_kill_would_do(int pid, string explained)
    {
        var r = Manager().Signal(new SignalTarget(SignalTargetKind.Process, pid), "TERM");
        Assert.Equal(SignalOutcome.RefusedInvalidTarget, r.Outcome);
        Assert.Contains(explained, r.Detail);
    }

    [Fact]
    public void An_unmanaged_pid_or_group_is_refused()
    {
        var manager = Manager();
        Assert.Equal(SignalOutcome.RefusedNotManaged, manager.Signal(new SignalTarget(SignalTargetKind.Process, 1), "TERM").Outcome);
        Assert.Equal(SignalOutcome.RefusedNotManaged, manager.Signal(new SignalTarget(SignalTargetKind.Group, 1), "TERM").Outcome);
        Assert.Equal(SignalOutcome.RefusedNotManaged, manager.Signal(new SignalTarget(SignalTargetKind.Group, manager.ServerPgid), "TERM").Outcome);
        Assert.Equal(SignalOutcome.RefusedInvalidTarget, manager.Signal(new SignalTarget(SignalTargetKind.Group, 0), "TERM").Outcome);
    }

    [Fact]
    public void An_unknown_signal_is_refused_listing_the_allowlist()
    {
        var r = Manager().Signal(Pid0, "BOGUS");
        Assert.Equal(SignalOutcome.RefusedUnknownSignal, r.Outcome);
        Assert.Contains("TERM", r.Detail);
        Assert.Contains("HUP", r.Detail);
    }

    [Fact]
    public void The_server_itself_accepts_a_harmless_signal_but_not_one_that_stops_it()
    {
        var manager = Manager();
        Assert.Equal(SignalOutcome.RefusedInvalidTarget, manager.Signal(new SignalTarget(SignalTargetKind.Self, 0), "STOP").Outcome);
        Assert.Equal(SignalOutcome.RefusedInvalidTarget, manager.Signal(new SignalTarget(SignalTargetKind.Process, Environment.ProcessId), "TSTP").Outcome);
        var cont = manager.Signal(new SignalTarget(SignalTargetKind.Self, 0), "CONT");
        Assert.Equal(SignalOutcome.Sent, cont.Outcome);
        Assert.Equal(Environment.ProcessId, cont.KillPid);
    }

    [Fact]
    public async Task Starting_an_undeclared_program_or_a_second_instance_is_refused()
    {
        var manager = Manager(Shell("one", "sleep 600"));
        int pgid = 0;
        try
        {
            Assert.Equal(StartOutcome.NotDeclared, manager.Start("rm -rf /").Outcome);
            pgid = Start(manager, "one");
            var again = manager.Start("one");
            Assert.Equal(StartOutcome.AlreadyRunning, again.Outcome);
            Assert.Equal(pgid, again.Group?.Pgid);
        }
        finally { await Cleanup(manager, pgid); }
    }

    [Fact]
    public async Task A_missing_executable_or_directory_is_a_failed_start_not_an_exception()
    {
        var manager = new ProcessManager(new ProcessOptions
        {
            Programs =
            [
                new() { Name = "missing", Argv = ["/nonexistent/program"] },
                new() { Name = "nodir", Command = "true", WorkingDirectory = "/nonexistent/dir" },
            ],
        });
        try
        {
            var missing = manager.Start("missing");
            Assert.Equal(StartOutcome.Failed, missing.Outcome);
            Assert.Contains("ENOENT", missing.Detail);
            Assert.Equal(StartOutcome.Failed, manager.Start("nodir").Outcome);
            Assert.False(manager.HasGroups);
        }
        finally { await Cleanup(manager); }
    }

    [Fact]
    public async Task ESRCH_is_an_outcome_and_a_gone_pid_is_no_longer_a_member()
    {
        var manager = Manager(Shell("short", "exit 0"));
        int pgid = 0;
        try
        {
            pgid = Start(manager, "short");
            await WaitFor(() => manager.GetSnapshot().RecentExits.FirstOrDefault(e => e.Pid == pgid), "the exit to be reaped");
            var (outcome, errno) = SignalSender.Send(pgid, SignalAllowlist.SIGCONT);
            Assert.Equal(SignalOutcome.NoSuchProcess, outcome);
            Assert.Equal(Errno.ESRCH, errno);
            var r = manager.Signal(new SignalTarget(SignalTargetKind.Process, pgid), "TERM");
            Assert.Equal(SignalOutcome.RefusedNotManaged, r.Outcome);
            Assert.Contains("no such process", r.Detail);
            Assert.Null(await manager.KillGroupAsync(pgid));
        }
        finally { await Cleanup(manager, pgid); }
    }
}
