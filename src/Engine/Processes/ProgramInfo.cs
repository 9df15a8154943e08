namespace AdminServer.Engine.Processes;

/// <summary>A declared program as the console lists it, with the groups it is running as.</summary>
public sealed record ProgramInfo(string Name, string Command, IReadOnlyList<string> Argv, string? WorkingDirectory, bool Autostart, IReadOnlyList<int> RunningGroups);
