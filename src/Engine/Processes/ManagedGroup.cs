namespace AdminServer.Engine.Processes;

/// <summary>
/// The manager's record of one group it started. The pgid is the leader's pid; Linux does not
/// reuse a pid number while any process still has it as its pgid, so kill(-pgid) reaches only
/// this group for as long as the group has a member (the record is dropped once it has none).
/// </summary>
internal sealed class ManagedGroup(string program, int pgid, DateTimeOffset startedAt)
{
    public string Program { get; } = program;
    public int Pgid { get; } = pgid;
    public int LeaderPid => Pgid;
    public DateTimeOffset StartedAt { get; } = startedAt;
    /// <summary>Set once the server has reaped the leader; until then the leader's pid cannot be reused.</summary>
    public ChildExit? LeaderExit { get; set; }
    /// <summary>The members the newest scan saw (pid → its stat then): one that is gone next time was reaped by its parent.</summary>
    public Dictionary<int, ProcStat> Seen { get; set; } = [];
    public DateTimeOffset SeenAt { get; set; }
}
