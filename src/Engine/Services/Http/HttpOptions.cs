namespace AdminServer.Engine.Services.Http;

/// <summary>The "Http" section: the static-file service's root, limits and timeouts.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>The directory served; relative paths are resolved by the host against the repository root.</summary>
    public string Root { get; set; } = "www";
    /// <summary>Request bodies (read and discarded) larger than this are refused with 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>How long a connection may stay silent between requests.</summary>
    public int KeepAliveSeconds { get; set; } = 15;
    /// <summary>How long a request may take to arrive once its first byte did (slowloris): then 408 and close.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Root)) errors.Add($"{Section}:Root is required.");
        else if (!Directory.Exists(Root)) errors.Add($"{Section}:Root '{Root}' is not a directory.");
        if (MaxBodyBytes is < 0 or > 1L << 40) errors.Add($"{Section}:MaxBodyBytes must be between 0 and 1099511627776, not {MaxBodyBytes}.");
        if (KeepAliveSeconds is < 1 or > 3600) errors.Add($"{Section}:KeepAliveSeconds must be between 1 and 3600, not {KeepAliveSeconds}.");
        if (RequestTimeoutSeconds is < 1 or > 3600) errors.Add($"{Section}:RequestTimeoutSeconds must be between 1 and 3600, not {RequestTimeoutSeconds}.");
        return errors;
    }
}
