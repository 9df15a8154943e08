namespace AdminServer.Engine.Processes;

/// <summary>
/// One declared program (an entry of the top-level "Programs" array). Only declared programs can
/// be started: the console and the API name a program, they never send a command line.
/// Exactly one of <see cref="Command"/> (a shell command line) and <see cref="Argv"/> (exec'd as is) is set.
/// </summary>
public sealed class ProgramOptions
{
    public string Name { get; set; } = "";

    /// <summary>A command line run as <c>/bin/sh -c Command</c>, so pipelines and redirections work.</summary>
    public string? Command { get; set; }

    /// <summary>An argument vector exec'd directly; Argv[0] is looked up in PATH when it has no slash.</summary>
    public List<string> Argv { get; set; } = [];

    /// <summary>Absolute directory the program starts in; empty means the server's own.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Variables added to (or replacing those of) the server's environment.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>
    /// Absolute file that receives stdout and stderr, captured by the server through a pipe (appended, rotated at
    /// <see cref="LogMaxBytes"/>); empty means <c>Processes:LogDirectory/NAME.log</c> (or /dev/null without a
    /// log directory); <c>/dev/null</c> discards the output.
    /// </summary>
    public string? LogFile { get; set; }

    /// <summary>Size past which the log is rotated (Supervisor's stdout_logfile_maxbytes).</summary>
    public long LogMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Rotated files kept, NAME.log.1 … NAME.log.N (Supervisor's stdout_logfile_backups); 0 truncates instead.</summary>
    public int LogBackups { get; set; } = 5;

    /// <summary>Started when the server starts.</summary>
    public bool Autostart { get; set; }

    /// <summary>Seconds a program must stay up after a start to count as started (RUNNING); 0 = at once.</summary>
    public double StartSeconds { get; set; } = 1;

    /// <summary>Serial failed starts retried (after 1 s, 2 s, 3 s…) before the program is FATAL.</summary>
    public int StartRetries { get; set; } = 3;

    /// <summary><c>false</c>, <c>true</c> or <c>unexpected</c> (an exit code not in <see cref="ExitCodes"/>, or a signal): restart after RUNNING ended.</summary>
    public string Autorestart { get; set; } = "false";

    /// <summary>The expected exit codes for <c>Autorestart: unexpected</c>; empty means [0].</summary>
    public List<int> ExitCodes { get; set; } = [];

    public AutorestartMode AutorestartMode => Autorestart.Trim().ToLowerInvariant() switch
    {
        "true" => AutorestartMode.True,
        "unexpected" => AutorestartMode.Unexpected,
        _ => AutorestartMode.False,
    };

    public IReadOnlyList<int> EffectiveExitCodes => ExitCodes.Count == 0 ? [0] : ExitCodes;

    /// <summary>True when the output goes through the server's pipe into a log file (not /dev/null).</summary>
    public bool CapturesOutput => !string.IsNullOrEmpty(LogFile) && LogFile != "/dev/null";

    /// <summary>The argument vector that is actually exec'd.</summary>
    public IReadOnlyList<string> EffectiveArgv =>
        string.IsNullOrWhiteSpace(Command) ? Argv : ["/bin/sh", "-c", Command];

    /// <summary>How the console shows the command.</summary>
    public string Display => string.IsNullOrWhiteSpace(Command) ? string.Join(' ', Argv) : $"sh -c '{Command}'";
}
