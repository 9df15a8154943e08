using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Binds and validates the top-level "Programs" and "Processes" sections. They are separate from
/// "Engine" (whose binder refuses unknown keys) and are checked the same way: unknown keys are
/// errors, and every message names its key (e.g. "Programs:0:Command").
/// </summary>
public static class ProcessConfigLoader
{
    /// <summary>Where programs' output is captured by default, under <c>root</c> when the path is relative.</summary>
    public const string DefaultLogDirectory = "data/programs";

    /// <param name="root">The repository root: a relative Processes:LogDirectory (default data/programs) is under it; null leaves it unset.</param>
    public static ProcessOptions Load(IConfiguration config, out IReadOnlyList<string> errors, string? root = null)
    {
        var options = new ProcessOptions();
        var programs = new List<ProgramOptions>();
        try
        {
            config.GetSection(ProcessOptions.Section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
            config.GetSection(ProcessOptions.ProgramsSection).Bind(programs, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            errors = [ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message];
            return options;
        }
        options.Programs = programs;
        if (root is not null)
        {
            string dir = string.IsNullOrWhiteSpace(options.LogDirectory) ? DefaultLogDirectory : options.LogDirectory;
            options.LogDirectory = Path.GetFullPath(Path.Combine(root, dir));
        }
        errors = options.Validate();
        return options;
    }
}
