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

    /// <summary>Absolute file that receives stdout and stderr (appended); empty means /dev/null.</summary>
    public string? LogFile { get; set; }

    /// <summary>Started when the server starts.</summary>
    public bool Autostart { get; set; }

    /// <summary>The argument vector that is actually exec'd.</summary>
    public IReadOnlyList<string> EffectiveArgv =>
        string.IsNullOrWhiteSpace(Command) ? Argv : ["/bin/sh", "-c", Command];

    /// <summary>How the console shows the command.</summary>
    public string Display => string.IsNullOrWhiteSpace(Command) ? string.Join(' ', Argv) : $"sh -c '{Command}'";
}
