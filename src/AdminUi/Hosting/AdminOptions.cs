namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// The "Admin" section: where the console and API listen, which Host names they answer to, and how
/// fast a client may guess the password. Validated at start like "Engine" (unknown keys are errors).
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost", "[::1]"];

    public string Url { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Read by <see cref="AdminPassword"/>; here so the binder knows the key.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Host names (no port) a request's Host header may carry; the port must be one the admin is
    /// bound on. Empty: derived from <see cref="Url"/> (a loopback URL allows 127.0.0.1, localhost and [::1]).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Wrong passwords one client address may send within <see cref="FailedLoginWindowSeconds"/> before it gets 429.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    public int FailedLoginWindowSeconds { get; set; } = 60;

    public IReadOnlyList<string> Urls => Url.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var url in Urls)
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
                errors.Add($"{Section}:Url '{url}' is not an http:// or https:// URL.");
        if (Urls.Count == 0) errors.Add($"{Section}:Url is required.");
        foreach (var h in AllowedHosts)
            if (string.IsNullOrWhiteSpace(h) || h.Contains('/') || h == "*" || Uri.CheckHostName(h.Trim('[', ']')) == UriHostNameType.Unknown)
                errors.Add($"{Section}:AllowedHosts entry '{h}' is not a host name or address (no port, no wildcard).");
        if (MaxFailedLogins is < 1 or > 1000) errors.Add($"{Section}:MaxFailedLogins must be between 1 and 1000, not {MaxFailedLogins}.");
        if (FailedLoginWindowSeconds is < 1 or > 86400) errors.Add($"{Section}:FailedLoginWindowSeconds must be between 1 and 86400, not {FailedLoginWindowSeconds}.");
        return errors;
    }

    /// <summary>The configured host names, or those of <see cref="Url"/>: IPv6 in brackets, lower case.</summary>
    public IReadOnlyList<string> EffectiveHosts()
    {
        var names = new List<string>();
        if (AllowedHosts.Count > 0) names.AddRange(AllowedHosts.Select(Normalize));
        else
        {
            foreach (var url in Urls)
            {
                string host = HostOf(url);
                // A wildcard binding has no name of its own; loopback names are the safe default, and
                // reaching it under any other name needs Admin:AllowedHosts.
                if (IsLoopback(host) || IsWildcard(host)) names.AddRange(LoopbackNames);
                if (!IsWildcard(host)) names.Add(host);
            }
        }
        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static bool IsWildcard(string host) => host is "*" or "+" or "0.0.0.0" or "[::]";

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>The host part of a URL as UseUrls takes it ("http://*:5080" included).</summary>
    public static string HostOf(string url)
    {
        int start = url.IndexOf("://", StringComparison.Ordinal);
        string rest = start < 0 ? url : url[(start + 3)..];
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('[')) return Normalize(rest[..(rest.IndexOf(']') + 1)]);
        int colon = rest.LastIndexOf(':');
        return Normalize(colon >= 0 ? rest[..colon] : rest);
    }

    private static string Normalize(string host)
    {
        host = host.Trim().ToLowerInvariant();
        return host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
    }
}
