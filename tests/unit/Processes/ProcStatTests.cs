using AdminServer.Engine.Processes;

namespace AdminServer.UnitTests.Processes;

public class ProcStatTests
{
    private const string Tail = " 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 123456 1 2 3";

    [Fact]
    public void The_comm_may_contain_spaces_and_parentheses()
    {
        Assert.True(ProcStat.TryParse("4242 (we(ir) d) S) T 17 4200 4100 0 -1" + Tail + "\n", out var s));
        Assert.Equal(4242, s.Pid);
        Assert.Equal("we(ir) d) S", s.Comm);
        Assert.Equal('T', s.State);
        Assert.Equal(17, s.Ppid);
        Assert.Equal(4200, s.Pgid);
        Assert.Equal(4100, s.Sid);
        Assert.Equal("stopped", s.StateName);
    }

    [Fact]
    public void The_own_process_reads_back_from_proc()
    {
        Assert.True(ProcStat.TryParse(File.ReadAllText("/proc/self/stat"), out var s));
        Assert.Equal(Environment.ProcessId, s.Pid);
        Assert.True(s.StartTicks > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("12 (x) S 1 2")]
    public void Malformed_lines_are_rejected(string line) => Assert.False(ProcStat.TryParse(line, out _));

    [Theory]
    [InlineData(7 << 8, 7, null, false)]
    [InlineData(15, null, "TERM", false)]
    [InlineData(0x80 | 6, null, "ABRT", true)]
    [InlineData(9, null, "KILL", false)]
    public void Wait_statuses_decode(int status, int? code, string? signal, bool core)
    {
        var e = ChildExit.From(1, 1, "p", status, DateTimeOffset.UtcNow);
        Assert.Equal(code, e.ExitCode);
        Assert.Equal(signal, e.Signal);
        Assert.Equal(core, e.CoreDumped);
    }
}
