namespace AdminServer.Engine.Processes;

/// <summary>The answer to a stop (or the stop half of a restart): the state it left, and the group kill when there was one.</summary>
public sealed record StopResult(string Program, StopOutcome Outcome, string State, KillGroupResult? Kill, string Detail);
