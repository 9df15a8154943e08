namespace AdminServer.Engine.Processes;

/// <summary>The outcome of TERM → grace → KILL on one managed group.</summary>
public sealed record KillGroupResult(
    int Pgid,
    string Program,
    double GraceSeconds,
    bool Escalated,
    IReadOnlyList<MemberEnd> Members,
    IReadOnlyList<int> Remaining,
    double ElapsedMs,
    string Detail);
