namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Where the charts' history is kept: <c>Console:HistoryPath</c> when set (empty turns saving off),
/// otherwise next to the audit log (<c>Audit:Path</c>, default data/audit.jsonl): data/audit.rates.json.
/// Relative paths are under the repository root, like the audit log's.
/// </summary>
public static class HistoryPath
{
    public const string Key = "Console:HistoryPath";

    public static string? Resolve(IConfiguration config, string root)
    {
        if (config[Key] is { } configured) return configured.Trim().Length == 0 ? null : Path.GetFullPath(Path.Combine(root, configured));
        string audit = Path.GetFullPath(Path.Combine(root, config["Audit:Path"] is { Length: > 0 } a ? a : "data/audit.jsonl"));
        return Path.ChangeExtension(audit, ".rates.json");
    }
}
