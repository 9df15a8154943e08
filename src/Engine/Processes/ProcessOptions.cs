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

    /// <summary>Bound from the top-level "Programs" section, not from "Processes".</summary>
    public List<ProgramOptions> Programs { get; set; } = [];

    public TimeSpan KillGrace => TimeSpan.FromSeconds(KillGraceSeconds);

    /// <summary>Every problem found, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(KillGraceSeconds is >= 0 and <= 300))
            errors.Add($"{Section}:KillGraceSeconds must be between 0 and 300, not {KillGraceSeconds}.");
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
            foreach (var name in p.Environment.Keys.Where(k => k.Length == 0 || k.Contains('=')))
                errors.Add($"{key}:Environment:{name} is not a valid variable name.");
        }
        return errors;
    }

    private static bool IsValidName(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
