namespace AdminServer.Engine.Processes;

/// <summary>
/// The "Processes" section (how managed groups are handled) together with the declared programs
/// of the top-level "Programs" array. <see cref="Validate"/> names the offending key.
/// </summary>
public sealed class ProcessOptions
{
    public const string Section = "Processes";
    public const string ProgramsSection = "Programs";

    /// <summary>Seconds between SIGTERM and SIGKILL when a group is killed (Supervisor's stopwaitsecs).</summary>
    public double KillGraceSeconds { get; set; } = 5;

    /// <summary>
    /// Make the server a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so members orphaned by
    /// their parent (a pipeline whose shell died first) are re-parented to the server and reaped by
    /// it instead of by pid 1, which in containers often reaps nothing.
    /// </summary>
    public bool Subreaper { get; set; } = true;

    /// <summary>
    /// Absolute directory where a program without a LogFile has its output captured as NAME.log (Supervisor's
    /// childlogdir); null: such programs' output goes to /dev/null. The host resolves a relative path.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Bound from the top-level "Programs" section, not from "Processes".</summary>
    public List<ProgramOptions> Programs { get; set; } = [];

    public TimeSpan KillGrace => TimeSpan.FromSeconds(KillGraceSeconds);

    /// <summary>Where a program's output goes: its LogFile, else LogDirectory/NAME.log, else null (/dev/null).</summary>
    public string? LogPathOf(ProgramOptions p) =>
        !string.IsNullOrEmpty(p.LogFile) ? (p.CapturesOutput ? p.LogFile : null)
        : string.IsNullOrEmpty(LogDirectory) ? null : Path.Combine(LogDirectory, p.Name + ".log");

    /// <summary>Every problem found, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(KillGraceSeconds is >= 0 and <= 300))
            errors.Add($"{Section}:KillGraceSeconds must be between 0 and 300, not {KillGraceSeconds}.");
        if (!string.IsNullOrEmpty(LogDirectory) && !Path.IsPathRooted(LogDirectory))
            errors.Add($"{Section}:LogDirectory '{LogDirectory}' must be an absolute path.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Programs.Count; i++)
        {
            var p = Programs[i];
            string key = $"{ProgramsSection}:{i}";
            if (string.IsNullOrWhiteSpace(p.Name)) errors.Add($"{key}:Name is required.");
            else if (!IsValidName(p.Name)) errors.Add($"{key}:Name '{p.Name}' may contain only letters, digits, '-', '_' and '.' (it is part of a URL).");
            else if (!names.Add(p.Name)) errors.Add($"{key}:Name '{p.Name}' is used by another program.");
            bool hasCommand = !string.IsNullOrWhiteSpace(p.Command);
            bool hasArgv = p.Argv.Count > 0;
            if (hasCommand == hasArgv)
                errors.Add($"{key}:Command is required (a shell command line), or {key}:Argv (an argument vector), but not both.");
            else if (hasArgv && p.Argv.Any(string.IsNullOrEmpty))
                errors.Add($"{key}:Argv must not contain empty entries.");
            if (!string.IsNullOrEmpty(p.WorkingDirectory) && !Path.IsPathRooted(p.WorkingDirectory))
                errors.Add($"{key}:WorkingDirectory '{p.WorkingDirectory}' must be an absolute path.");
            if (!string.IsNullOrEmpty(p.LogFile) && !Path.IsPathRooted(p.LogFile))
                errors.Add($"{key}:LogFile '{p.LogFile}' must be an absolute path.");
            if (!(p.LogMaxBytes is >= 1024 and <= 1L << 30))
                errors.Add($"{key}:LogMaxBytes must be between 1024 and 1073741824, not {p.LogMaxBytes}.");
            if (p.LogBackups is < 0 or > 100)
                errors.Add($"{key}:LogBackups must be between 0 and 100, not {p.LogBackups}.");
            if (!(p.StartSeconds is >= 0 and <= 3600))
                errors.Add($"{key}:StartSeconds must be between 0 and 3600, not {p.StartSeconds}.");
            if (p.StartRetries is < 0 or > 100)
                errors.Add($"{key}:StartRetries must be between 0 and 100, not {p.StartRetries}.");
            if (p.Autorestart is null || !AutorestartNames.Contains(p.Autorestart, StringComparer.OrdinalIgnoreCase))
                errors.Add($"{key}:Autorestart must be one of false, true, unexpected, not '{p.Autorestart}'.");
            if (p.ExitCodes.Any(c => c is < 0 or > 255))
                errors.Add($"{key}:ExitCodes must hold exit codes between 0 and 255.");
            foreach (var name in p.Environment.Keys.Where(k => k.Length == 0 || k.Contains('=')))
                errors.Add($"{key}:Environment:{name} is not a valid variable name.");
        }
        return errors;
    }

    private static readonly string[] AutorestartNames = ["false", "true", "unexpected"];

    private static bool IsValidName(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
