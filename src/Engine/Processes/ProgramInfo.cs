namespace AdminServer.Engine.Processes;

/// <summary>A declared program as the console lists it, with the groups it is running as and its supervision state.</summary>
public sealed record ProgramInfo(string Name, string Command, IReadOnlyList<string> Argv, string? WorkingDirectory, bool Autostart, IReadOnlyList<int> RunningGroups)
{
    /// <summary>Supervisor's state name: STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED or FATAL.</summary>
    public string State { get; init; } = "STOPPED";
    public DateTimeOffset? StateSince { get; init; }
    /// <summary>What supervisorctl status says: "pid 4242, uptime 0:01:05", "Exited too quickly (process log may have details)", "exit 1 (unexpected)".</summary>
    public string Description { get; init; } = "";
    /// <summary>The running instance's leader pid (= its pgid).</summary>
    public int? Pid { get; init; }
    public double? UptimeSeconds { get; init; }
    /// <summary>Failed starts in a row (BACKOFF retries so far).</summary>
    public int Backoff { get; init; }
    /// <summary>Starts made by the supervisor itself (autorestarts and BACKOFF retries) since the server started.</summary>
    public int Restarts { get; init; }
    public ChildExit? LastExit { get; init; }
    public double StartSeconds { get; init; }
    public int StartRetries { get; init; }
    public string Autorestart { get; init; } = "false";
    public IReadOnlyList<int> ExitCodes { get; init; } = [0];
    /// <summary>The file the output is captured in; null when it goes to /dev/null.</summary>
    public string? LogFile { get; init; }
    /// <summary>The running instance's members: CPU time and resident memory summed.</summary>
    public double CpuSeconds { get; init; }
    public long RssBytes { get; init; }
}
