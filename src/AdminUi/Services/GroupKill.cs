using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Services;

/// <summary>The answer to a kill-group request: the result when the group was killed, else why it was refused.</summary>
public sealed record GroupKill(KillGroupResult? Result, GroupKillRefusal Refusal, string Detail);
