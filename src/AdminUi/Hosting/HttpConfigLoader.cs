using AdminServer.Engine.Services.Http;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Binds the "Http" section (the engine's static-file service). A relative Http:Root is resolved against
/// the repository root, like the configuration file itself, so the demo site is found wherever the app starts.
/// </summary>
public static class HttpConfigLoader
{
    public static HttpOptions Load(IConfiguration config, AppPaths paths, out IReadOnlyList<string> errors)
    {
        var options = new HttpOptions();
        try
        {
            config.GetSection(HttpOptions.Section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            errors = [ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message];
            return options;
        }
        if (!string.IsNullOrWhiteSpace(options.Root) && !Path.IsPathRooted(options.Root)) options.Root = Path.GetFullPath(Path.Combine(paths.Root, options.Root));
        errors = [];
        return options;
    }
}
