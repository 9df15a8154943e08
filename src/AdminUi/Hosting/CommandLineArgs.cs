namespace AdminServer.AdminUi.Hosting;

/// <summary>The process's command-line arguments, kept so a reload applies the same overrides as the start.</summary>
public sealed record CommandLineArgs(string[] Values);
