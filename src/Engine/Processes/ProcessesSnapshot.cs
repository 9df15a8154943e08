namespace AdminServer.Engine.Processes;

/// <summary>Everything the Processes page shows: declared programs, running groups and their members, recent exits.</summary>
public sealed record ProcessesSnapshot(
    int ServerPid,
    int ServerPgid,
    double KillGraceSeconds,
    bool Subreaper,
    IReadOnlyList<string> Signals,
    IReadOnlyList<ProgramInfo> Programs,
    IReadOnlyList<ProcessGroupInfo> Groups,
    IReadOnlyList<ChildExit> RecentExits);
