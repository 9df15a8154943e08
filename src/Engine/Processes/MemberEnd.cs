namespace AdminServer.Engine.Processes;

/// <summary>
/// How one member of a killed group ended: after which signal of the escalation it disappeared
/// (TERM or KILL; null if it survived both), and its exit status when the server reaped it itself
/// (members reaped by their own parent inside the group leave no status for the server).
/// </summary>
public sealed record MemberEnd(int Pid, string Command, string? EndedAfter, ChildExit? Exit);
