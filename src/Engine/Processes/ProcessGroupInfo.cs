namespace AdminServer.Engine.Processes;

/// <summary>A running managed process group: the program that started it and its members now.</summary>
public sealed record ProcessGroupInfo(int Pgid, string Program, int LeaderPid, DateTimeOffset StartedAt, ChildExit? LeaderExit, IReadOnlyList<ProcessMember> Members);
