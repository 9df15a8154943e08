namespace AdminServer.Engine.Processes;

/// <summary>The answer to a start request; <see cref="Group"/> is set when the program runs (started now or already).</summary>
public sealed record StartResult(string Program, StartOutcome Outcome, ProcessGroupInfo? Group, string Detail);
