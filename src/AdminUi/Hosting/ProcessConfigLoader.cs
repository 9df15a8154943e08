using AdminServer.Engine.Processes;

namespace AdminServer.AdminUi.Hosting;

/// <summary>
/// Binds and validates the top-level "Programs" and "Processes" sections. They are separate from
/// "Engine" (whose binder refuses unknown keys) and are checked the same way: unknown keys are
/// errors, and every message names its key (e.g. "Programs:0:Command").
/// </summary>
public static class ProcessConfigLoader
{
    public static ProcessOptions Load(IConfiguration config, out IReadOnlyList<string> errors)
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
        errors = options.Validate();
        return options;
    }
}
