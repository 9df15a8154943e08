namespace AdminServer.AdminUi.Services;

/// <summary>
/// Where the audit log is kept ("Audit" section): an append-only JSON-lines file rotated by size,
/// so a flood of entries can only ever push out whole old files, never the newest history, and
/// the log survives restarts.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The current file; relative paths are under the repository root (the content root).</summary>
    public string Path { get; set; } = "data/audit.jsonl";

    /// <summary>Size past which the current file is rotated to <c>Path.1</c> (older ones shift up).</summary>
    public long MaxFileBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Files kept, the current one included; the oldest is deleted on rotation.</summary>
    public int MaxFiles { get; set; } = 8;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path)) errors.Add($"{Section}:Path must name a file.");
        if (MaxFileBytes is < 4096 or > 1L << 30) errors.Add($"{Section}:MaxFileBytes must be between 4096 and 1073741824, not {MaxFileBytes}.");
        if (MaxFiles is < 2 or > 1000) errors.Add($"{Section}:MaxFiles must be between 2 and 1000, not {MaxFiles}.");
        return errors;
    }

    public string FullPath(string root) => System.IO.Path.GetFullPath(System.IO.Path.Combine(root, Path));
}
